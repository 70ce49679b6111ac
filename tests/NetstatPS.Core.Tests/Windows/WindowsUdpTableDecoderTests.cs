using System;
using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsUdpTableDecoderTests
{
    [Fact]
    public void DecodesOwnerPidRowsAsListeningEndpoints()
    {
        // MIB_UDPROW_OWNER_PID: addr 0, port 4, pid 8 (12 bytes).
        byte[] v4 = new B(4, 12)
            .Row(r => { B.IPv4(r, 0, "0.0.0.0"); B.Port(r, 4, 53, 0x1234); B.U32(r, 8, 1812); })
            .Row(r => { B.IPv4(r, 0, "192.0.2.77"); B.Port(r, 4, 5353); B.U32(r, 8, 0); })
            .Build();
        var rows = new List<Connection>();
        WindowsUdpTableDecoder.DecodeOwnerPid(v4, IPAddressFamily.IPv4, rows);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(TransportProtocol.Udp, r.Protocol);
            Assert.Equal(ConnectionState.Listen, r.State);
            Assert.Equal("0.0.0.0", r.RemoteAddress);
            Assert.Equal(0, r.RemotePort);
            Assert.Null(r.OffloadState);
        });
        Assert.Equal(53, rows[0].LocalPort);
        Assert.Equal(1812, rows[0].TableProcessId);
        Assert.Equal("192.0.2.77", rows[1].LocalAddress);
        Assert.Equal(5353, rows[1].LocalPort);

        // MIB_UDP6ROW_OWNER_PID: addr 0, scope 16, port 20, pid 24 (28 bytes).
        byte[] v6 = new B(4, 28)
            .Row(r => { B.IPv6(r, 0, "fe80::9"); B.U32(r, 16, 7); B.Port(r, 20, 546); B.U32(r, 24, 96); })
            .Build();
        rows.Clear();
        WindowsUdpTableDecoder.DecodeOwnerPid(v6, IPAddressFamily.IPv6, rows);
        Connection c = Assert.Single(rows);
        Assert.Equal("fe80::9%7", c.LocalAddress);
        Assert.Equal(7, c.InterfaceIndex);
        Assert.Equal(546, c.LocalPort);
        Assert.Equal(96, c.TableProcessId);
        Assert.Equal("::", c.RemoteAddress);
    }

    [Fact]
    public void DecodesOwnerModuleRowsWithCreationTime()
    {
        var created = new DateTime(2023, 12, 31, 23, 59, 58, DateTimeKind.Utc);

        // MIB_UDPROW_OWNER_MODULE: addr 0, port 4, pid 8, liCreateTimestamp 16, dwFlags 24, module info 32.
        byte[] v4 = new B(8, 160)
            .Row(r => { B.IPv4(r, 0, "127.0.0.1"); B.Port(r, 4, 1900); B.U32(r, 8, 640); B.U64(r, 16, (ulong)created.ToFileTimeUtc()); B.U32(r, 24, 1); })
            .Build();
        var rows = new List<Connection>();
        WindowsUdpTableDecoder.DecodeOwnerModule(v4, IPAddressFamily.IPv4, rows);
        Connection c = Assert.Single(rows);
        Assert.Equal(1900, c.LocalPort);
        Assert.Equal(640, c.TableProcessId);
        Assert.Equal(created.ToLocalTime(), c.CreationTime);

        // MIB_UDP6ROW_OWNER_MODULE: addr 0, scope 16, port 20, pid 24, liCreateTimestamp 32, dwFlags 40.
        byte[] v6 = new B(8, 176)
            .Row(r => { B.IPv6(r, 0, "::"); B.Port(r, 20, 3702); B.U32(r, 24, 2024); B.U64(r, 32, (ulong)created.ToFileTimeUtc()); })
            .Row(r => { B.IPv6(r, 0, "2001:db8::42"); B.Port(r, 20, 123); B.U32(r, 24, 1); })
            .Build();
        rows.Clear();
        WindowsUdpTableDecoder.DecodeOwnerModule(v6, IPAddressFamily.IPv6, rows);
        Assert.Equal(2, rows.Count);
        Assert.Equal(3702, rows[0].LocalPort);
        Assert.Equal(2024, rows[0].TableProcessId);
        Assert.Equal(created.ToLocalTime(), rows[0].CreationTime);
        Assert.Equal("2001:db8::42", rows[1].LocalAddress);
        Assert.Null(rows[1].CreationTime);
    }

    [Fact]
    public void RejectsTruncatedTables()
    {
        byte[] table = new B(8, 176).Row(_ => { }).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsUdpTableDecoder.DecodeOwnerModule(table.AsSpan(0, table.Length - 1), IPAddressFamily.IPv6, new List<Connection>()));
    }
}
