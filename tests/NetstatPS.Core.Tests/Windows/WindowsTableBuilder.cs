using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// Builds iphlpapi table buffers byte by byte at the SDK's documented offsets, independently of the
/// interop structs, so a wrong struct layout fails the decoder tests instead of agreeing with itself.
/// </summary>
internal sealed class WindowsTableBuilder
{
    private readonly List<byte[]> rows = new();
    private readonly int rowSize;
    private readonly int rowsOffset;

    public WindowsTableBuilder(int rowsOffset, int rowSize)
    {
        this.rowsOffset = rowsOffset;
        this.rowSize = rowSize;
    }

    /// <summary>Adds a row; <paramref name="fill"/> writes its fields.</summary>
    public WindowsTableBuilder Row(Action<byte[]> fill)
    {
        byte[] row = new byte[this.rowSize];
        fill(row);
        this.rows.Add(row);
        return this;
    }

    public byte[] Build(uint? countOverride = null)
    {
        byte[] table = new byte[this.rowsOffset + (this.rows.Count * this.rowSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(table, countOverride ?? (uint)this.rows.Count);
        for (int i = 0; i < this.rows.Count; i++)
        {
            this.rows[i].CopyTo(table, this.rowsOffset + (i * this.rowSize));
        }

        return table;
    }

    public static void U32(byte[] b, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(offset), value);

    public static void U64(byte[] b, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(offset), value);

    public static void U16(byte[] b, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(offset), value);

    /// <summary>A port the way the tables store it: network order in the low 16 bits, garbage allowed above.</summary>
    public static void Port(byte[] b, int offset, int port, ushort highGarbage = 0)
    {
        b[offset] = (byte)(port >> 8);
        b[offset + 1] = (byte)port;
        U16(b, offset + 2, highGarbage);
    }

    /// <summary>An IPv4 address as its network-order bytes.</summary>
    public static void IPv4(byte[] b, int offset, string address) => IPAddress.Parse(address).GetAddressBytes().CopyTo(b, offset);

    public static void IPv6(byte[] b, int offset, string address) => IPAddress.Parse(address).GetAddressBytes().CopyTo(b, offset);

    public static void WString(byte[] b, int offset, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            U16(b, offset + (2 * i), text[i]);
        }
    }
}
