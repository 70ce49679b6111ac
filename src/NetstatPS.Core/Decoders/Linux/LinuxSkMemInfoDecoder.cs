using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes the INET_DIAG_SKMEMINFO attribute of a sock_diag reply: an array of u32 indexed by
/// SK_MEMINFO_* (include/uapi/linux/sock_diag.h), host byte order, filled by sk_get_meminfo. The
/// array grew over time (BACKLOG in 3.x, DROPS in 4.x), so a value past the end of what the kernel
/// sent stays null, and values a newer kernel appends are ignored. Never throws: any length decodes.
/// </summary>
internal static class LinuxSkMemInfoDecoder
{
    // SK_MEMINFO_* indices.
    private const int RmemAlloc = 0;
    private const int Rcvbuf = 1;
    private const int WmemAlloc = 2;
    private const int Sndbuf = 3;
    private const int FwdAlloc = 4;
    private const int WmemQueued = 5;
    private const int Optmem = 6;
    private const int BacklogIndex = 7;
    private const int DropsIndex = 8;

    /// <summary>Decodes the attribute payload.</summary>
    /// <param name="value">The u32 array.</param>
    /// <returns>The socket memory; every value null for an empty payload.</returns>
    public static SocketMemory Decode(ReadOnlySpan<byte> value) => new()
    {
        ReceiveAllocation = At(value, RmemAlloc),
        ReceiveBuffer = At(value, Rcvbuf),
        SendAllocation = At(value, WmemAlloc),
        SendBuffer = At(value, Sndbuf),
        ForwardAllocation = At(value, FwdAlloc),
        WriteQueued = At(value, WmemQueued),
        OptionMemory = At(value, Optmem),
        Backlog = At(value, BacklogIndex),
        Drops = At(value, DropsIndex),
    };

    // ss prints every field as %u; the same unsigned reading keeps the two equal.
    private static long? At(ReadOnlySpan<byte> value, int index) =>
        value.Length >= (index + 1) * 4 ? MemoryMarshal.Read<uint>(value.Slice(index * 4)) : null;
}
