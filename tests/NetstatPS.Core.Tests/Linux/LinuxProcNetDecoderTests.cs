using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

public class LinuxProcNetDecoderTests
{
    private static List<Connection> ReadFixture(ConnectionQuery? query = null)
    {
        var rows = new List<Connection>();
        new LinuxConnectionSource(LinuxFixture.ProcRoot, LinuxConnectionPath.ProcNet).Read(query ?? new ConnectionQuery(), rows, new WarningCollector());
        return rows;
    }

    [Fact]
    public void EverySocketOfTheManifestIsDecodedFieldByField()
    {
        List<Connection> rows = ReadFixture();
        var expected = LinuxFixture.ExpectedSockets().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var e in expected)
        {
            Connection c = Assert.Single(rows, r => r.Protocol == e.Protocol && r.LocalAddress == e.Local && r.LocalPort == e.LocalPort && r.RemoteAddress == e.Remote && r.RemotePort == e.RemotePort);
            Assert.Equal(e.Family, c.AddressFamily);
            Assert.Equal(e.State, c.State);
            Assert.Equal(e.Inode, c.Inode);
            Assert.Equal("ProcNet", c.Source);
            Assert.Equal(e.State is ConnectionState.TimeWait or ConnectionState.SynReceived ? null : 0, c.UserId);
            Assert.Null(c.TcpInfo);
        }
    }

    [Fact]
    public void SameObjectsAsTheNetlinkCaptureOfTheSameSockets()
    {
        // Captured a few ms apart: timers count down and persist-probe counters move, so timer expiry is
        // compared by name only. /proc prints no backlog limit: a listener's SendQueue is null there.
        var netlink = LinuxFixture.DecodeAllDumps();
        var procnet = ReadFixture();
        Assert.Equal(netlink.Count, procnet.Count);
        foreach (Connection n in netlink)
        {
            Connection p = Assert.Single(procnet, r => r.Protocol == n.Protocol && r.LocalAddress == n.LocalAddress && r.LocalPort == n.LocalPort && r.RemoteAddress == n.RemoteAddress && r.RemotePort == n.RemotePort);
            Assert.Equal(n.AddressFamily, p.AddressFamily);
            Assert.Equal(n.State, p.State);
            Assert.Equal(n.Inode, p.Inode);
            Assert.Equal(n.UserId, p.UserId);
            Assert.Equal(n.InterfaceIndex, p.InterfaceIndex);
            Assert.Equal(n.ReceiveQueue, p.ReceiveQueue);
            Assert.Equal(n.Protocol == TransportProtocol.Tcp && n.State == ConnectionState.Listen ? null : n.SendQueue, p.SendQueue);
            Assert.Equal(n.Timer, p.Timer);
            Assert.Equal(n.TimerExpiresIn is null, p.TimerExpiresIn is null);
            Assert.Equal(n.GetLocalIPAddress(), p.GetLocalIPAddress());
            Assert.Equal(n.LocalAddress, p.LocalAddress);
            Assert.Equal(n.RemoteAddress, p.RemoteAddress);
            if (n.AddressFamily == IPAddressFamily.IPv6)
            {
                Assert.Equal(n.GetLocalIPAddress()!.ScopeId, p.GetLocalIPAddress()!.ScopeId);
                Assert.Equal(n.GetRemoteIPAddress()!.ScopeId, p.GetRemoteIPAddress()!.ScopeId);
            }
        }
    }

    [Fact]
    public void LinkLocalScopeComesFromIfInet6()
    {
        var rows = ReadFixture();
        int ifIndex = LinuxFixture.DummyIfIndex;
        var linkLocal = rows.Where(r => r.GetLocalIPAddress()!.IsIPv6LinkLocal).ToList();
        Assert.Equal(4, linkLocal.Count);
        Assert.All(linkLocal, r => Assert.Equal($"fe80::1%{ifIndex}", r.LocalAddress));
        Assert.All(linkLocal, r => Assert.Equal(ifIndex, r.InterfaceIndex));
        Assert.All(rows.Where(r => !r.GetLocalIPAddress()!.IsIPv6LinkLocal), r => Assert.Null(r.InterfaceIndex));
    }

    [Fact]
    public void TimersQueuesAndMappedAddressesAsTheKernelPrintedThem()
    {
        var rows = ReadFixture();
        Connection tw = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40107, 40007);
        Assert.Equal("timewait", tw.Timer);
        Assert.InRange(tw.TimerExpiresIn!.Value.TotalSeconds, 50, 60);
        Assert.Equal(0, tw.TimerRetransmits);
        Connection fin1 = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40109, 40009);
        Assert.Equal(ConnectionState.FinWait1, fin1.State);
        Assert.Equal(2985985, fin1.SendQueue);
        Assert.Equal("persist", fin1.Timer);
        Connection udp = LinuxFixture.Find(rows, TransportProtocol.Udp, 40201, 0);
        Assert.Equal(2496, udp.ReceiveQueue);
        Assert.Equal(0, udp.SendQueue);
        Connection mapped = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40002, 40102);
        Assert.Equal("::ffff:127.0.0.1", mapped.LocalAddress);
        Assert.Equal(IPAddressFamily.IPv6, mapped.AddressFamily);
        Connection listener = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40001, 0);
        Assert.Null(listener.SendQueue);
        Assert.Equal(0, listener.ReceiveQueue);
    }

    [Fact]
    public void StateFilterAndProtocolFamilySelectionApply()
    {
        var listen = ReadFixture(new ConnectionQuery { States = new[] { ConnectionState.Listen } });
        Assert.All(listen, r => Assert.Equal(ConnectionState.Listen, r.State));
        Assert.Equal(LinuxFixture.ExpectedSockets().Count(e => e.State == ConnectionState.Listen), listen.Count);

        var udp6 = ReadFixture(new ConnectionQuery { Protocols = new[] { TransportProtocol.Udp }, AddressFamilies = new[] { IPAddressFamily.IPv6 } });
        Assert.Equal(3, udp6.Count);
        Assert.All(udp6, r => Assert.Equal(IPAddressFamily.IPv6, r.AddressFamily));
    }

    [Fact]
    public void ColumnsAreFoundByHeaderNameAndBlankLinesIgnored()
    {
        // A header with extra whitespace and a CRLF, a blank line, and rows of a hand-built TCP_CLOSE (07) socket.
        string text =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\r\n" +
            "\n" +
            "   0: 0100007F:1F90 0200007F:0050 07 0000000A:00000014 01:00000064 00000003  1000        0 777 1 0000000000000000 100 0 0 10 0\n" +
            "   1: 0100007F:1F91 0200007F:0051 0B 00000000:00000000 00:00000000 00000000  1000        0 778";
        var rows = new List<Connection>();
        LinuxProcNetDecoder.Decode(Encoding.ASCII.GetBytes(text), TransportProtocol.Tcp, IPAddressFamily.IPv4, LinuxSocketStates.AllTcp, LinuxLinkLocalScopes.Empty, new LinuxAddressCache(), rows);
        Assert.Equal(2, rows.Count);
        Connection c = rows[0];
        Assert.Equal(ConnectionState.Closed, c.State);
        Assert.Equal("127.0.0.1", c.LocalAddress);
        Assert.Equal(8080, c.LocalPort);
        Assert.Equal("127.0.0.2", c.RemoteAddress);
        Assert.Equal(80, c.RemotePort);
        Assert.Equal(10, c.SendQueue);
        Assert.Equal(20, c.ReceiveQueue);
        Assert.Equal("on", c.Timer);
        Assert.Equal(TimeSpan.FromSeconds(1), c.TimerExpiresIn);
        Assert.Equal(3, c.TimerRetransmits);
        Assert.Equal(1000, c.UserId);
        Assert.Equal(777, c.Inode);
        Assert.Equal(ConnectionState.Closing, rows[1].State);
    }

    [Fact]
    public void IfInet6DecodesOnlyLinkLocalAddresses()
    {
        byte[] text = File.ReadAllBytes(Path.Combine(LinuxFixture.ProcRoot, "net", "if_inet6"));
        LinuxLinkLocalScopes scopes = LinuxIfInet6Decoder.Decode(text);
        byte[] fe80 = new byte[16];
        fe80[0] = 0xfe;
        fe80[1] = 0x80;
        fe80[15] = 1;
        Assert.Equal(LinuxFixture.DummyIfIndex, scopes.Find(fe80));
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        Assert.Equal(0, scopes.Find(loopback));
    }

    [Fact]
    public void ProcessFilesDecode()
    {
        Assert.True(LinuxProcessFileDecoder.TryParseSocketInode("socket:[1550854]"u8, out ulong inode));
        Assert.Equal(1550854UL, inode);
        Assert.False(LinuxProcessFileDecoder.TryParseSocketInode("pipe:[1550854]"u8, out _));
        Assert.False(LinuxProcessFileDecoder.TryParseSocketInode("/dev/null"u8, out _));
        Assert.False(LinuxProcessFileDecoder.TryParseSocketInode("socket:[12x]"u8, out _));
        Assert.False(LinuxProcessFileDecoder.TryParseSocketInode("socket:[]"u8, out _));
        Assert.Equal("nsps-testhost", LinuxProcessFileDecoder.DecodeName("nsps-testhost\n"u8));
        Assert.Null(LinuxProcessFileDecoder.DecodeName("\n"u8));
        Assert.Equal(65534, LinuxProcessFileDecoder.DecodeRealUserId("Name:\tx\nUmask:\t0022\nUid:\t65534\t0\t0\t0\nGid:\t0\n"u8));
        Assert.Null(LinuxProcessFileDecoder.DecodeRealUserId("Name:\tx\n"u8));
    }
}
