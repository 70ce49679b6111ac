using System;
using System.Collections.Generic;
using System.Net;
using System.Runtime.InteropServices;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// What every iphlpapi table decoder shares: bounds-checked row access over a table buffer laid out as
/// the SDK declares it (a ULONG count, padding up to the row's alignment, then the rows), and the field
/// conversions (ports, addresses, FILETIME, MIB_TCP_STATE).
/// </summary>
internal static class WindowsRowReader
{
    /// <summary>Reads the entry count of a table and checks that the buffer holds that many rows.</summary>
    /// <param name="table">The whole table buffer.</param>
    /// <param name="rowsOffset">Where the first row starts (4, or 8 for rows that hold 64-bit members).</param>
    /// <param name="rowSize">sizeof(row).</param>
    /// <param name="tableName">The native table's name, for messages.</param>
    /// <returns>The number of rows.</returns>
    public static int CountRows(ReadOnlySpan<byte> table, int rowsOffset, int rowSize, string tableName)
    {
        if (table.Length < 4)
        {
            throw new NetstatDecodeException($"{tableName}: {table.Length} bytes is too short for the entry count.");
        }

        uint count = MemoryMarshal.Read<uint>(table);
        long needed = rowsOffset + ((long)count * rowSize);
        if (needed > table.Length)
        {
            throw new NetstatDecodeException($"{tableName}: {count} entries of {rowSize} bytes need {needed} bytes, the buffer has {table.Length}.");
        }

        return (int)count;
    }

    /// <summary>Reads row <paramref name="index"/> (bounds already checked by <see cref="CountRows"/>).</summary>
    /// <typeparam name="T">The native row struct.</typeparam>
    /// <param name="table">The table buffer.</param>
    /// <param name="rowsOffset">Where the rows start.</param>
    /// <param name="index">The row number.</param>
    /// <returns>The row.</returns>
    public static T Row<T>(ReadOnlySpan<byte> table, int rowsOffset, int index)
        where T : unmanaged
    {
        unsafe
        {
            return MemoryMarshal.Read<T>(table.Slice(rowsOffset + (index * sizeof(T))));
        }
    }

    /// <summary>A port stored in network byte order in the low 16 bits of a DWORD (the high bits may hold garbage).</summary>
    /// <param name="dword">The dwLocalPort / dwRemotePort value as read on a little-endian machine.</param>
    /// <returns>The port number.</returns>
    public static int Port(uint dword) => (int)(((dword & 0xFF) << 8) | ((dword >> 8) & 0xFF));

    /// <summary>MIB_TCP_STATE (1 CLOSED … 12 DELETE_TCB) as <see cref="ConnectionState"/>, whose numbers are the same.</summary>
    /// <param name="state">The dwState value.</param>
    /// <param name="tableName">For the message.</param>
    /// <returns>The state.</returns>
    public static ConnectionState TcpState(uint state, string tableName) =>
        state is >= 1 and <= 12
            ? (ConnectionState)state
            : throw new NetstatDecodeException($"{tableName}: dwState {state} is not a MIB_TCP_STATE (1-12).");

    /// <summary>
    /// A FILETIME (100 ns ticks since 1601-01-01 UTC, liCreateTimestamp) as local time; null when the stack
    /// recorded none (0) or the value is outside what a FILETIME can express.
    /// </summary>
    /// <param name="fileTime">The raw value.</param>
    /// <returns>The local time, or null.</returns>
    public static DateTime? FileTime(long fileTime)
    {
        // DateTime.MaxValue is 2650467743999999999 ticks after 1601; FromFileTime throws beyond it.
        const long MaxFileTime = 2650467743999999999;
        if (fileTime <= 0 || fileTime > MaxFileTime)
        {
            return null;
        }

        return DateTime.FromFileTimeUtc(fileTime).ToLocalTime();
    }

    /// <summary>The IPv4 address whose network-order bytes are stored in <paramref name="networkOrder"/>, shared via <paramref name="cache"/>.</summary>
    /// <param name="networkOrder">The DWORD as read from memory.</param>
    /// <param name="cache">Addresses already built during this decode.</param>
    /// <returns>The address.</returns>
    public static IPAddress IPv4(uint networkOrder, Dictionary<uint, IPAddress> cache)
    {
        if (!cache.TryGetValue(networkOrder, out IPAddress? address))
        {
            // IPAddress(long) takes the address exactly as it lies in memory (network order), which is what
            // a little-endian read of the DWORD gives back.
            address = new IPAddress(networkOrder);
            cache.Add(networkOrder, address);
        }

        return address;
    }

    /// <summary>
    /// An IPv6 address from 16 bytes and a scope id. The scope id is kept only for addresses whose scope
    /// is smaller than global (link-local fe80::/10, site-local fec0::/10, link-local multicast ff02::/16):
    /// RFC 4007 zones mean nothing for ::1 or global addresses, and netstat prints [::1] without one.
    /// </summary>
    /// <param name="bytes">The 16 address bytes.</param>
    /// <param name="scopeId">The scope id (the interface index for link-local addresses).</param>
    /// <returns>The address.</returns>
    public static unsafe IPAddress IPv6(byte* bytes, uint scopeId)
    {
        byte[] copy = new byte[16];
        for (int i = 0; i < 16; i++)
        {
            copy[i] = bytes[i];
        }

        bool scoped = (copy[0] == 0xFE && (copy[1] & 0x80) == 0x80) || (copy[0] == 0xFF && (copy[1] & 0x0F) == 0x02);
        return new IPAddress(copy, scoped ? scopeId : 0);
    }

    /// <summary>The interface an address's scope names, or null when it has none.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The scope id as an interface index, or null.</returns>
    public static int? ScopeInterface(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? unchecked((int)address.ScopeId) : null;

    /// <summary>A NUL-terminated WCHAR string in a fixed-size array; null when empty.</summary>
    /// <param name="chars">The array.</param>
    /// <param name="capacity">Its length in characters.</param>
    /// <returns>The string, or null.</returns>
    public static unsafe string? FixedString(char* chars, int capacity)
    {
        int length = 0;
        while (length < capacity && chars[length] != '\0')
        {
            length++;
        }

        return length == 0 ? null : new string(chars, 0, length);
    }
}
