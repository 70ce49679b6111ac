using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes the buffer EnumServicesStatusExW(SC_ENUM_PROCESS_INFO) fills: <c>count</c>
/// ENUM_SERVICE_STATUS_PROCESSW rows (two string pointers, then SERVICE_STATUS_PROCESS's nine DWORDs,
/// the row padded to pointer alignment: 56 bytes on 64-bit, 44 on 32-bit), whose pointers point at
/// NUL-terminated UTF-16 strings later in the same buffer. Fields are read at the SDK's offsets for the
/// given pointer size, so Windows PowerShell 5.1 in 32-bit processes decodes too. A pointer outside
/// the buffer or a string without its NUL throws <see cref="NetstatDecodeException"/>.
/// </summary>
internal static class WindowsServiceTableDecoder
{
    /// <summary>SERVICE_STATUS_PROCESS is nine DWORDs; dwProcessId is the eighth.</summary>
    private const int StatusSize = 36;
    private const int StateOffset = 4;
    private const int ProcessIdOffset = 28;

    /// <summary>sizeof(ENUM_SERVICE_STATUS_PROCESSW) for a pointer size.</summary>
    /// <param name="pointerSize">4 or 8.</param>
    /// <returns>The row size.</returns>
    public static int RowSize(int pointerSize) => ((2 * pointerSize) + StatusSize + pointerSize - 1) / pointerSize * pointerSize;

    /// <summary>Decodes <paramref name="count"/> rows.</summary>
    /// <param name="buffer">The buffer as the API filled it.</param>
    /// <param name="bufferAddress">The buffer's address when the API filled it (the string pointers are absolute).</param>
    /// <param name="count">servicesReturned.</param>
    /// <param name="pointerSize">The caller's pointer size (IntPtr.Size).</param>
    /// <param name="into">Where the rows go.</param>
    public static void Decode(ReadOnlySpan<byte> buffer, ulong bufferAddress, int count, int pointerSize, List<WindowsServiceEntry> into)
    {
        if (pointerSize != 4 && pointerSize != 8)
        {
            throw new ArgumentOutOfRangeException(nameof(pointerSize), pointerSize, "4 or 8");
        }

        int rowSize = RowSize(pointerSize);
        if (count < 0 || (long)count * rowSize > buffer.Length)
        {
            throw new NetstatDecodeException($"ENUM_SERVICE_STATUS_PROCESSW: {count} rows of {rowSize} bytes do not fit in {buffer.Length} bytes.");
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> row = buffer.Slice(i * rowSize, rowSize);
            string name = ReadString(buffer, bufferAddress, ReadPointer(row, 0, pointerSize), "lpServiceName")
                ?? throw new NetstatDecodeException($"ENUM_SERVICE_STATUS_PROCESSW row {i}: no service name.");
            string? display = ReadString(buffer, bufferAddress, ReadPointer(row, pointerSize, pointerSize), "lpDisplayName");
            ReadOnlySpan<byte> status = row.Slice(2 * pointerSize, StatusSize);
            uint state = BinaryPrimitives.ReadUInt32LittleEndian(status.Slice(StateOffset));
            uint pid = BinaryPrimitives.ReadUInt32LittleEndian(status.Slice(ProcessIdOffset));
            into.Add(new WindowsServiceEntry(name, display, unchecked((int)pid), state));
        }
    }

    private static ulong ReadPointer(ReadOnlySpan<byte> row, int offset, int pointerSize) =>
        pointerSize == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(row.Slice(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(row.Slice(offset));

    private static string? ReadString(ReadOnlySpan<byte> buffer, ulong bufferAddress, ulong pointer, string field)
    {
        if (pointer == 0)
        {
            return null;
        }

        if (pointer < bufferAddress || pointer - bufferAddress >= (ulong)buffer.Length)
        {
            throw new NetstatDecodeException($"ENUM_SERVICE_STATUS_PROCESSW: {field} 0x{pointer:x} points outside the {buffer.Length}-byte buffer at 0x{bufferAddress:x}.");
        }

        ReadOnlySpan<byte> rest = buffer.Slice((int)(pointer - bufferAddress));
        for (int at = 0; at + 1 < rest.Length; at += 2)
        {
            if (rest[at] == 0 && rest[at + 1] == 0)
            {
                char[] text = new char[at / 2];
                for (int c = 0; c < text.Length; c++)
                {
                    text[c] = (char)BinaryPrimitives.ReadUInt16LittleEndian(rest.Slice(2 * c));
                }

                return new string(text);
            }
        }

        throw new NetstatDecodeException($"ENUM_SERVICE_STATUS_PROCESSW: {field} has no terminating NUL inside the buffer.");
    }
}
