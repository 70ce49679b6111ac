using System;
using System.Buffers.Binary;
using System.Text;
using NetstatPS.Platforms.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// NtQueryInformationProcess(ProcessCommandLineInformation)'s answer, built byte by byte: a
/// UNICODE_STRING (USHORT Length in bytes, USHORT MaximumLength, the Buffer pointer at offset 8 on
/// 64-bit and 4 on 32-bit) followed by the characters it points at.
/// </summary>
public class WindowsCommandLineTests
{
    private const ulong Base = 0x0000_7ff6_1234_0000;

    private static byte[] Build(string text, int pointerSize, ulong address, int pointerDelta = 0)
    {
        int header = 2 * pointerSize;
        byte[] chars = Encoding.Unicode.GetBytes(text);
        byte[] buffer = new byte[header + chars.Length + 2];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)chars.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(2), (ushort)(chars.Length + 2));
        ulong pointer = address + (ulong)header + (ulong)(long)pointerDelta;
        if (pointerSize == 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(8), pointer);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), (uint)pointer);
        }

        chars.CopyTo(buffer, header);
        return buffer;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void DecodesTheStringTheHeaderPointsAt(int pointerSize)
    {
        ulong address = pointerSize == 8 ? Base : unchecked((uint)Base);
        const string line = @"C:\Windows\system32\svchost.exe -k NetworkService -p -s Dnscache";
        Assert.Equal(line, WindowsCommandLine.Decode(Build(line, pointerSize, address), address, pointerSize));
    }

    [Fact]
    public void EmptyTruncatedOrOutsidePointersGiveNull()
    {
        Assert.Null(WindowsCommandLine.Decode(Build(string.Empty, 8, Base), Base, 8));
        Assert.Null(WindowsCommandLine.Decode(Build("x.exe", 8, Base, pointerDelta: 4096), Base, 8));
        Assert.Null(WindowsCommandLine.Decode(Build("x.exe", 8, Base).AsSpan(0, 12), Base, 8));
        Assert.Null(WindowsCommandLine.Decode(Build("x.exe", 8, Base, pointerDelta: -64), Base, 8));
    }
}
