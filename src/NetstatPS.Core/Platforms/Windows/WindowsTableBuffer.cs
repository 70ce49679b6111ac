using System;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// The buffer loop for the iphlpapi calls that fill a caller-supplied buffer (GetExtendedTcpTable,
/// GetExtendedUdpTable, GetTcpTable2 …). The table can grow between the call that reports the size and
/// the call that reads (a busy server opens connections all the time), so each retry allocates the
/// reported size plus spare room, and the number of retries is bounded.
/// </summary>
internal static unsafe class WindowsTableBuffer
{
    /// <summary>ERROR_INSUFFICIENT_BUFFER.</summary>
    public const uint ErrorInsufficientBuffer = 122;

    /// <summary>How many calls are made at most before giving up on a table that keeps growing.</summary>
    public const int MaxAttempts = 6;

    /// <summary>The first buffer: big enough for a few hundred rows without a size call.</summary>
    public const int InitialSize = 16 * 1024;

    /// <summary>One native call: fills <c>buffer</c> (whose size is in <c>*size</c>) or reports the size it needs.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="size">In: the buffer's size; out: the size needed.</param>
    /// <returns>A Win32 error code.</returns>
    public delegate uint NativeTableCall(byte* buffer, uint* size);

    /// <summary>Calls <paramref name="call"/> until the table fits.</summary>
    /// <param name="call">The native call.</param>
    /// <param name="table">The filled buffer (valid when the result is 0).</param>
    /// <returns>0, or the Win32 error of the last call (ERROR_INSUFFICIENT_BUFFER after <see cref="MaxAttempts"/> calls).</returns>
    public static uint Read(NativeTableCall call, out byte[] table)
    {
        byte[] data = new byte[InitialSize];
        uint rc = ErrorInsufficientBuffer;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            uint size = (uint)data.Length;
            fixed (byte* p = data)
            {
                rc = call(p, &size);
            }

            if (rc != ErrorInsufficientBuffer)
            {
                break;
            }

            // The size reported now can already be too small by the next call: add a quarter and 4 KiB.
            long next = Math.Max((long)size, data.Length + 1L);
            next += (next / 4) + 4096;
            if (next > int.MaxValue - 64)
            {
                break;
            }

            data = new byte[next];
        }

        table = data;
        return rc;
    }
}
