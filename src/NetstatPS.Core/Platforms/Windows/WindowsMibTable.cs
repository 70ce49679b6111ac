using System;
using System.ComponentModel;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// The tables iphlpapi allocates itself (GetIfTable2, GetIpForwardTable2): copied out as one byte
/// array in the native layout for the pure decoders, then released with FreeMibTable.
/// </summary>
internal static unsafe class WindowsMibTable
{
    /// <summary>Allocating one table call: writes the table pointer.</summary>
    /// <param name="table">Where the pointer goes.</param>
    /// <returns>A Win32 error code.</returns>
    public delegate uint AllocatingCall(IntPtr* table);

    /// <summary>Calls <paramref name="call"/>, copies the table (count, padding, rows) and frees it.</summary>
    /// <param name="call">The native call.</param>
    /// <param name="rowsOffset">Where rows start.</param>
    /// <param name="rowSize">sizeof(row).</param>
    /// <param name="function">The function name, for the error.</param>
    /// <returns>The table bytes.</returns>
    public static byte[] Read(AllocatingCall call, int rowsOffset, int rowSize, string function)
    {
        IntPtr table = IntPtr.Zero;
        uint rc = call(&table);
        if (rc != 0)
        {
            throw new Win32Exception(unchecked((int)rc), $"{function} failed with error {rc}.");
        }

        try
        {
            if (table == IntPtr.Zero)
            {
                return new byte[rowsOffset];
            }

            uint count = *(uint*)table;
            long length = rowsOffset + ((long)count * rowSize);
            if (length > int.MaxValue)
            {
                throw new NetstatDecodeException($"{function}: {count} rows cannot be right.");
            }

            return new ReadOnlySpan<byte>((void*)table, (int)length).ToArray();
        }
        finally
        {
            if (table != IntPtr.Zero)
            {
                IpHlpApi.FreeMibTable(table);
            }
        }
    }
}
