using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsTcpTableDecoderTests
{
    private static readonly ConnectionQuery All = new();

    /// <summary>MIB_TCPROW_OWNER_PID: state 0, local addr 4, local port 8, remote addr 12, remote port 16, pid 20.</summary>
    private static Action<byte[]> V4Row(uint state, string local, int localPort, string remote, int remotePort, uint pid, ushort portGarbage = 0) => r =>
    {
        B.U32(r, 0, state);
        B.IPv4(r, 4, local);
        B.Port(r, 8, localPort, portGarbage);
        B.IPv4(r, 12, remote);
        B.Port(r, 16, remotePort, portGarbage);
        B.U32(r, 20, pid);
    };

    [Fact]
    public void DecodesEveryMibTcpState()
    {
        var builder = new B(4, 24);
        for (uint state = 1; state <= 12; state++)
        {
            builder.Row(V4Row(state, "10.0.0." + state, 1000 + (int)state, "192.168.7." + state, 2000 + (int)state, 100 + state));
        }

        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerPid(builder.Build(), IPAddressFamily.IPv4, All, null, rows);

        Assert.Equal(12, rows.Count);
        string[] names = { "Closed", "Listen", "SynSent", "SynReceived", "Established", "FinWait1", "FinWait2", "CloseWait", "Closing", "LastAck", "TimeWait", "DeleteTcb" };
        for (int i = 0; i < 12; i++)
        {
            Connection c = rows[i];
            int state = i + 1;
            Assert.Equal(names[i], c.State.ToString());
            Assert.Equal(TransportProtocol.Tcp, c.Protocol);
            Assert.Equal(IPAddressFamily.IPv4, c.AddressFamily);
            Assert.Equal("10.0.0." + state, c.LocalAddress);
            Assert.Equal(1000 + state, c.LocalPort);
            Assert.Equal(100 + state, c.TableProcessId);
            Assert.Equal("IpHlpApi", c.Source);
            Assert.Null(c.CreationTime);
            Assert.Null(c.ProcessId); // owners are the resolver's job
            if (c.State == ConnectionState.Listen)
            {
                Assert.Equal("0.0.0.0", c.RemoteAddress);
                Assert.Equal(0, c.RemotePort);
            }
            else
            {
                Assert.Equal("192.168.7." + state, c.RemoteAddress);
                Assert.Equal(2000 + state, c.RemotePort);
            }
        }
    }

    [Fact]
    public void PortsIgnoreTheHighWordAndListenersGetNoRemoteEnd()
    {
        byte[] table = new B(4, 24)
            .Row(V4Row(2, "0.0.0.0", 443, "0.0.0.0", 51234, 4, portGarbage: 0xBEEF))
            .Row(V4Row(5, "127.0.0.1", 65535, "127.0.0.1", 1, 7, portGarbage: 0xFFFF))
            .Build();
        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerPid(table, IPAddressFamily.IPv4, All, null, rows);

        Assert.Equal(443, rows[0].LocalPort);
        Assert.Equal(0, rows[0].RemotePort);
        Assert.Equal(65535, rows[1].LocalPort);
        Assert.Equal(1, rows[1].RemotePort);
    }

    [Fact]
    public void SkipsStatesTheQueryDoesNotWant()
    {
        byte[] table = new B(4, 24)
            .Row(V4Row(2, "0.0.0.0", 80, "0.0.0.0", 0, 1))
            .Row(V4Row(5, "10.1.1.1", 80, "10.2.2.2", 5000, 2))
            .Row(V4Row(11, "10.1.1.1", 80, "10.2.2.3", 5001, 0))
            .Build();
        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerPid(table, IPAddressFamily.IPv4, new ConnectionQuery { States = new[] { ConnectionState.Established, ConnectionState.TimeWait } }, null, rows);

        Assert.Equal(new[] { ConnectionState.Established, ConnectionState.TimeWait }, rows.Select(r => r.State));
        Assert.Equal(0, rows[1].TableProcessId); // TIME_WAIT rows carry PID 0 on Windows
    }

    [Fact]
    public void DecodesIPv6RowsWithScopes()
    {
        // MIB_TCP6ROW_OWNER_PID: local 0, local scope 16, local port 20, remote 24, remote scope 40,
        // remote port 44, state 48, pid 52.
        byte[] table = new B(4, 56)
            .Row(r =>
            {
                B.IPv6(r, 0, "fe80::1:2:3:4");
                B.U32(r, 16, 12);
                B.Port(r, 20, 8443);
                B.IPv6(r, 24, "fe80::aa:bb");
                B.U32(r, 40, 12);
                B.Port(r, 44, 60000);
                B.U32(r, 48, 5);
                B.U32(r, 52, 4242);
            })
            .Row(r =>
            {
                B.IPv6(r, 0, "2001:db8::5");
                B.U32(r, 16, 3); // a zone on a global address means nothing and is not shown
                B.Port(r, 20, 22);
                B.IPv6(r, 24, "::");
                B.U32(r, 48, 2);
                B.U32(r, 52, 777);
            })
            .Build();
        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerPid(table, IPAddressFamily.IPv6, All, null, rows);

        Assert.Equal(2, rows.Count);
        Assert.Equal("fe80::1:2:3:4%12", rows[0].LocalAddress);
        Assert.Equal("fe80::aa:bb%12", rows[0].RemoteAddress);
        Assert.Equal(12, rows[0].InterfaceIndex);
        Assert.Equal(8443, rows[0].LocalPort);
        Assert.Equal(60000, rows[0].RemotePort);
        Assert.Equal(ConnectionState.Established, rows[0].State);
        Assert.Equal(4242, rows[0].TableProcessId);
        Assert.Equal(IPAddressFamily.IPv6, rows[0].AddressFamily);

        Assert.Equal("2001:db8::5", rows[1].LocalAddress);
        Assert.Null(rows[1].InterfaceIndex);
        Assert.Equal(ConnectionState.Listen, rows[1].State);
        Assert.Equal("::", rows[1].RemoteAddress);
    }

    [Fact]
    public void DecodesOwnerModuleRowsWithCreationTime()
    {
        var created = new DateTime(2024, 3, 1, 12, 30, 45, DateTimeKind.Utc);

        // MIB_TCPTABLE_OWNER_MODULE: dwNumEntries, 4 bytes padding, 160-byte rows; liCreateTimestamp at 24.
        byte[] v4 = new B(8, 160)
            .Row(r =>
            {
                V4Row(5, "172.16.0.9", 3389, "172.16.0.200", 49999, 1234)(r);
                B.U64(r, 24, (ulong)created.ToFileTimeUtc());
                for (int i = 32; i < 160; i++)
                {
                    r[i] = 0xAB; // OwningModuleInfo is opaque
                }
            })
            .Row(V4Row(2, "0.0.0.0", 135, "0.0.0.0", 0, 900))
            .Build();
        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerModule(v4, IPAddressFamily.IPv4, All, null, rows);
        Assert.Equal(2, rows.Count);
        Assert.Equal("172.16.0.9", rows[0].LocalAddress);
        Assert.Equal(49999, rows[0].RemotePort);
        Assert.Equal(1234, rows[0].TableProcessId);
        Assert.Equal(created.ToLocalTime(), rows[0].CreationTime);
        Assert.Null(rows[1].CreationTime); // 0 = not recorded

        // MIB_TCP6TABLE_OWNER_MODULE: 192-byte rows, liCreateTimestamp at 56.
        byte[] v6 = new B(8, 192)
            .Row(r =>
            {
                B.IPv6(r, 0, "::1");
                B.Port(r, 20, 5985);
                B.IPv6(r, 24, "::1");
                B.Port(r, 44, 50001);
                B.U32(r, 48, 8);
                B.U32(r, 52, 31337);
                B.U64(r, 56, (ulong)created.ToFileTimeUtc());
            })
            .Build();
        rows.Clear();
        WindowsTcpTableDecoder.DecodeOwnerModule(v6, IPAddressFamily.IPv6, All, null, rows);
        Connection c = Assert.Single(rows);
        Assert.Equal("::1", c.LocalAddress);
        Assert.Equal(ConnectionState.CloseWait, c.State);
        Assert.Equal(31337, c.TableProcessId);
        Assert.Equal(created.ToLocalTime(), c.CreationTime);
    }

    [Fact]
    public void JoinsOffloadStateFromTheTable2Rows()
    {
        // MIB_TCPTABLE2: 28-byte rows, dwOffloadState at 24.
        byte[] table2 = new B(4, 28)
            .Row(r => { V4Row(5, "10.0.0.1", 1111, "10.0.0.2", 2222, 5)(r); B.U32(r, 24, 2); })
            .Row(r => { V4Row(5, "10.0.0.1", 1112, "10.0.0.2", 2222, 5)(r); B.U32(r, 24, 0); })
            .Build();
        Dictionary<WindowsTcpEndpointKey, uint> offload = WindowsTcpTableDecoder.DecodeOffloadStates(table2, IPAddressFamily.IPv4);

        byte[] table = new B(4, 24)
            .Row(V4Row(5, "10.0.0.1", 1111, "10.0.0.2", 2222, 5))
            .Row(V4Row(5, "10.0.0.1", 1112, "10.0.0.2", 2222, 5))
            .Row(V4Row(5, "10.0.0.1", 1113, "10.0.0.2", 2222, 5)) // appeared after GetTcpTable2 ran
            .Build();
        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerPid(table, IPAddressFamily.IPv4, All, offload, rows);
        Assert.Equal(new[] { "Offloaded", "InHost", null }, rows.Select(r => r.OffloadState));

        // MIB_TCP6TABLE2: 60-byte rows, dwOffloadState at 56.
        byte[] table6 = new B(4, 60)
            .Row(r => { B.IPv6(r, 0, "2001:db8::1"); B.Port(r, 20, 80); B.IPv6(r, 24, "2001:db8::2"); B.Port(r, 44, 9000); B.U32(r, 48, 5); B.U32(r, 56, 3); })
            .Build();
        Dictionary<WindowsTcpEndpointKey, uint> offload6 = WindowsTcpTableDecoder.DecodeOffloadStates(table6, IPAddressFamily.IPv6);
        byte[] pid6 = new B(4, 56)
            .Row(r => { B.IPv6(r, 0, "2001:db8::1"); B.Port(r, 20, 80); B.IPv6(r, 24, "2001:db8::2"); B.Port(r, 44, 9000); B.U32(r, 48, 5); B.U32(r, 52, 1); })
            .Build();
        rows.Clear();
        WindowsTcpTableDecoder.DecodeOwnerPid(pid6, IPAddressFamily.IPv6, All, offload6, rows);
        Assert.Equal("Uploading", Assert.Single(rows).OffloadState);
    }

    [Fact]
    public void EmptyTableGivesNoRows()
    {
        var rows = new List<Connection>();
        WindowsTcpTableDecoder.DecodeOwnerPid(new byte[4], IPAddressFamily.IPv4, All, null, rows);
        WindowsTcpTableDecoder.DecodeOwnerModule(new byte[8], IPAddressFamily.IPv6, All, null, rows);
        Assert.Empty(rows);
    }

    [Fact]
    public void RejectsACountLargerThanTheBuffer()
    {
        byte[] table = new B(4, 24).Row(V4Row(2, "0.0.0.0", 80, "0.0.0.0", 0, 1)).Build(countOverride: 2);
        var e = Assert.Throws<NetstatDecodeException>(() => WindowsTcpTableDecoder.DecodeOwnerPid(table, IPAddressFamily.IPv4, All, null, new List<Connection>()));
        Assert.Contains("MIB_TCPTABLE_OWNER_PID", e.Message, StringComparison.Ordinal);
        Assert.Throws<NetstatDecodeException>(() => WindowsTcpTableDecoder.DecodeOwnerPid(new byte[3], IPAddressFamily.IPv4, All, null, new List<Connection>()));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(13u)]
    [InlineData(uint.MaxValue)]
    public void RejectsAnUnknownState(uint state)
    {
        byte[] table = new B(4, 24).Row(V4Row(state, "1.2.3.4", 1, "5.6.7.8", 2, 3)).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsTcpTableDecoder.DecodeOwnerPid(table, IPAddressFamily.IPv4, All, null, new List<Connection>()));
    }
}
