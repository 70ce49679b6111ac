using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetstatPS.Decoders.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// EnumServicesStatusExW(SC_ENUM_PROCESS_INFO) buffers built byte by byte at the SDK's offsets
/// (ENUM_SERVICE_STATUS_PROCESSW: lpServiceName, lpDisplayName, then SERVICE_STATUS_PROCESS's nine
/// DWORDs with dwCurrentState at +4 and dwProcessId at +28; 56 bytes on 64-bit, 44 on 32-bit), the
/// strings packed after the rows as the service manager packs them, pointers absolute.
/// </summary>
public class WindowsServiceTableDecoderTests
{
    private const ulong Base = 0x0000_01d2_3456_0000;

    // A shared svchost (pid 1188) hosting three, one service in its own svchost, one stopped service.
    private static readonly (string Name, string Display, uint State, uint Pid)[] Rows =
    {
        ("Dnscache", "DNS Client", 4, 1188),
        ("CryptSvc", "Cryptographic Services", 4, 1188),
        ("nsi", "Network Store Interface Service", 4, 1188),
        ("W32Time", "Windows Time", 4, 2604),
        ("Spooler", "Print Spooler", 1, 0),
    };

    private static byte[] Build((string Name, string Display, uint State, uint Pid)[] rows, int pointerSize, int spare = 40)
    {
        int rowSize = pointerSize == 8 ? 56 : 44;
        var strings = new List<byte>();
        var pointers = new List<(ulong Name, ulong Display)>();
        int stringsAt = rows.Length * rowSize;
        foreach (var r in rows)
        {
            ulong name = Base + (ulong)(stringsAt + strings.Count);
            strings.AddRange(Encoding.Unicode.GetBytes(r.Name + "\0"));
            ulong display = Base + (ulong)(stringsAt + strings.Count);
            strings.AddRange(Encoding.Unicode.GetBytes(r.Display + "\0"));
            pointers.Add((name, display));
        }

        byte[] buffer = new byte[stringsAt + strings.Count + spare];
        for (int i = 0; i < rows.Length; i++)
        {
            Span<byte> row = buffer.AsSpan(i * rowSize, rowSize);
            if (pointerSize == 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(row, pointers[i].Name);
                BinaryPrimitives.WriteUInt64LittleEndian(row.Slice(8), pointers[i].Display);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(row, (uint)pointers[i].Name);
                BinaryPrimitives.WriteUInt32LittleEndian(row.Slice(4), (uint)pointers[i].Display);
            }

            Span<byte> status = row.Slice(2 * pointerSize);
            BinaryPrimitives.WriteUInt32LittleEndian(status, 0x20);                 // dwServiceType: SERVICE_WIN32_SHARE_PROCESS
            BinaryPrimitives.WriteUInt32LittleEndian(status.Slice(4), rows[i].State); // dwCurrentState
            BinaryPrimitives.WriteUInt32LittleEndian(status.Slice(8), 0x5);          // dwControlsAccepted
            BinaryPrimitives.WriteUInt32LittleEndian(status.Slice(24), 0x7530);      // dwWaitHint
            BinaryPrimitives.WriteUInt32LittleEndian(status.Slice(28), rows[i].Pid); // dwProcessId
            BinaryPrimitives.WriteUInt32LittleEndian(status.Slice(32), 0);           // dwServiceFlags
        }

        strings.CopyTo(buffer, stringsAt);
        return buffer;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void DecodesEveryRowAtTheSdkOffsets(int pointerSize)
    {
        // 32-bit pointers are Base's low halves: the buffer then sits at (uint)Base.
        ulong address = pointerSize == 8 ? Base : unchecked((uint)Base);
        byte[] buffer = Build(Rows, pointerSize);

        var entries = new List<WindowsServiceEntry>();
        WindowsServiceTableDecoder.Decode(buffer, address, Rows.Length, pointerSize, entries);
        Assert.Equal(Rows.Select(r => $"{r.Name}|{r.Display}|{r.State}|{r.Pid}"), entries.Select(e => $"{e.Name}|{e.DisplayName}|{e.State}|{e.ProcessId}"));
        Assert.Equal(pointerSize == 8 ? 56 : 44, WindowsServiceTableDecoder.RowSize(pointerSize));
    }

    [Fact]
    public void MapsProcessesToTheServicesTheyHostSortedByName()
    {
        var entries = new List<WindowsServiceEntry>();
        WindowsServiceTableDecoder.Decode(Build(Rows, 8), Base, Rows.Length, 8, entries);
        Dictionary<int, (string[] Names, string[] DisplayNames)> map = WindowsServicesByProcess.Map(entries);
        Assert.Equal(new[] { 1188, 2604 }, map.Keys.OrderBy(k => k));
        Assert.Equal(new[] { "CryptSvc", "Dnscache", "nsi" }, map[1188].Names);
        Assert.Equal(new[] { "Cryptographic Services", "DNS Client", "Network Store Interface Service" }, map[1188].DisplayNames);
        Assert.Equal(new[] { "W32Time" }, map[2604].Names);

        var owner = new ProcessOwner(1188, "svchost", null, null) { Services = map[1188].Names, ServiceDisplayNames = map[1188].DisplayNames };
        Assert.Equal("CryptSvc, Dnscache, nsi", owner.Service);
        Assert.Null(owner.Unit);
    }

    [Fact]
    public void PointersOutsideTheBufferAndMissingTerminatorsAreDecodeErrors()
    {
        byte[] buffer = Build(Rows, 8);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(56), Base + (ulong)buffer.Length + 2);
        Assert.Throws<NetstatDecodeException>(() => WindowsServiceTableDecoder.Decode(buffer, Base, Rows.Length, 8, new List<WindowsServiceEntry>()));

        byte[] unterminated = Build(new[] { ("A", "B", 4u, 1u) }, 8, spare: 0);
        unterminated[unterminated.Length - 1] = (byte)'x';
        unterminated[unterminated.Length - 2] = (byte)'x';
        Assert.Throws<NetstatDecodeException>(() => WindowsServiceTableDecoder.Decode(unterminated, Base, 1, 8, new List<WindowsServiceEntry>()));

        Assert.Throws<NetstatDecodeException>(() => WindowsServiceTableDecoder.Decode(Build(Rows, 8).AsSpan(0, 100), Base, Rows.Length, 8, new List<WindowsServiceEntry>()));
    }

    [Fact]
    public void TruncatedAndCorruptedBuffersThrowOnlyDecodeErrors()
    {
        var random = new Random(11);
        byte[] buffer = Build(Rows, 8);
        for (int length = 0; length <= buffer.Length; length++)
        {
            Only(() => WindowsServiceTableDecoder.Decode(buffer.AsSpan(0, length), Base, Rows.Length, 8, new List<WindowsServiceEntry>()));
        }

        for (int i = 0; i < 3000; i++)
        {
            byte[] corrupt = (byte[])buffer.Clone();
            corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            Only(() => WindowsServiceTableDecoder.Decode(corrupt, Base, Rows.Length, 8, new List<WindowsServiceEntry>()));
        }

        static void Only(Action decode)
        {
            try
            {
                decode();
            }
            catch (NetstatDecodeException)
            {
            }
        }
    }
}
