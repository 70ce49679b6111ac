using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

public class LinuxSockDiagDecoderTests
{
    [Fact]
    public void EverySocketOfTheManifestIsDecodedFieldByField()
    {
        List<Connection> rows = LinuxFixture.DecodeAllDumps();
        var expected = LinuxFixture.ExpectedSockets().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var e in expected)
        {
            Connection c = Assert.Single(rows, r => r.Protocol == e.Protocol && r.LocalAddress == e.Local && r.LocalPort == e.LocalPort && r.RemoteAddress == e.Remote && r.RemotePort == e.RemotePort);
            Assert.Equal(e.Family, c.AddressFamily);
            Assert.Equal(e.State, c.State);
            Assert.Equal(e.Inode, c.Inode);
            Assert.Equal("NetlinkSockDiag", c.Source);

            // The capture ran as root; mini sockets (TIME_WAIT, SYN_RECV requests) have no owner uid.
            Assert.Equal(e.State is ConnectionState.TimeWait or ConnectionState.SynReceived ? null : 0, c.UserId);
            Assert.Equal(e.Protocol == TransportProtocol.Tcp && e.Inode is not null, c.TcpInfo is not null);
        }
    }

    [Fact]
    public void EveryProducedTcpStateIsPresent()
    {
        var states = LinuxFixture.DecodeAllDumps().Where(r => r.Protocol == TransportProtocol.Tcp).Select(r => r.State).ToHashSet();
        ConnectionState[] produced =
        {
            ConnectionState.Listen, ConnectionState.SynSent, ConnectionState.SynReceived, ConnectionState.Established,
            ConnectionState.FinWait1, ConnectionState.FinWait2, ConnectionState.CloseWait, ConnectionState.Closing,
            ConnectionState.LastAck, ConnectionState.TimeWait,
        };
        Assert.All(produced, s => Assert.Contains(s, states));
    }

    [Fact]
    public void ListenerCarriesBacklogLimitAsSendQueue()
    {
        Connection c = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp), TransportProtocol.Tcp, 40001, 0);
        Assert.Equal(ConnectionState.Listen, c.State);
        Assert.Equal("127.0.0.1", c.LocalAddress);
        Assert.Equal("0.0.0.0", c.RemoteAddress);
        Assert.Equal(0, c.ReceiveQueue);
        Assert.Equal(7, c.SendQueue);
        Assert.Null(c.Timer);
        Assert.Null(c.TimerExpiresIn);
        Assert.Null(c.TimerRetransmits);
        Assert.Null(c.InterfaceIndex);
        Assert.Equal(IPAddressFamily.IPv4, c.AddressFamily);
    }

    [Fact]
    public void SynSentHasRetransmitTimerAndTcpInfoAsSsShowed()
    {
        // ss -tuanieo at capture: SYN-SENT 0 1 10.77.0.1:40105 10.77.0.2:40005 timer:(on,432ms,1)
        //   bbr rto:1000 mss:524 pmtu:1500 rcvmss:88 advmss:1460 cwnd:1 segs_out:1 … unacked:1 lost:1
        Connection c = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp), TransportProtocol.Tcp, 40105, 40005);
        Assert.Equal(ConnectionState.SynSent, c.State);
        Assert.Equal("10.77.0.2", c.RemoteAddress);
        Assert.Equal(1, c.SendQueue);
        Assert.Equal("on", c.Timer);
        Assert.Equal(1, c.TimerRetransmits);
        Assert.InRange(c.TimerExpiresIn!.Value.TotalMilliseconds, 0, 1000);
        TcpMetrics m = c.TcpInfo!;
        Assert.Equal("bbr", m.CongestionAlgorithm);
        Assert.Equal(1000.0, m.RetransmitTimeoutMs);
        Assert.Equal(524, m.MaxSegmentSize);
        Assert.Equal(1500, m.PathMtu);
        Assert.Equal(1, m.CongestionWindow);
        Assert.Equal(1, m.SegmentsSent);
        Assert.Equal(1, m.LostSegments);
    }

    [Fact]
    public void CloseWaitTcpInfoMatchesSsFieldByField()
    {
        // ss: CLOSE-WAIT 1 0 127.0.0.1:40008 127.0.0.1:40108 … rto:200 rtt:0.017/0.008 ato:40 mss:32768 pmtu:65535
        //   cwnd:10 bytes_received:1 segs_out:1 segs_in:3 lastsnd:1528 lastrcv:1528 lastack:1528 rcv_space:65483 minrtt:0.017 snd_wnd:65536
        Connection c = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp), TransportProtocol.Tcp, 40008, 40108);
        Assert.Equal(ConnectionState.CloseWait, c.State);
        Assert.Equal(1, c.ReceiveQueue);
        Assert.Equal(0, c.SendQueue);
        TcpMetrics m = c.TcpInfo!;
        Assert.Equal(200.0, m.RetransmitTimeoutMs);
        Assert.Equal(0.017, m.RoundTripTimeMs);
        Assert.Equal(0.008, m.RoundTripTimeVarianceMs);
        Assert.Equal(40.0, m.AckTimeoutMs);
        Assert.Equal(32768, m.MaxSegmentSize);
        Assert.Equal(65535, m.PathMtu);
        Assert.Equal(10, m.CongestionWindow);
        Assert.Null(m.SlowStartThreshold);
        Assert.Equal(1, m.BytesReceived);
        Assert.Equal(0, m.BytesAcked);
        Assert.Equal(1, m.SegmentsSent);
        Assert.Equal(3, m.SegmentsReceived);
        // ss ran ~20 ms after the dump: times since the last packet are a little smaller in the dump.
        Assert.InRange(m.LastDataSentMs!.Value, 1400, 1528);
        Assert.Equal(m.LastDataSentMs, m.LastDataReceivedMs);
        Assert.Equal(m.LastDataSentMs, m.LastAckReceivedMs);
        Assert.Equal(65483, m.ReceiveSpace);
        Assert.Equal(0.017, m.MinRoundTripTimeMs);
        Assert.Equal(65536, m.SendWindow);
        Assert.Equal(0, m.TotalRetransmits);
    }

    [Fact]
    public void ZeroWindowSenderInFinWait1HasPersistTimerAndUnsentBytes()
    {
        // ss: FIN-WAIT-1 0 2985985 127.0.0.1:40109 127.0.0.1:40009 timer:(persist,008ms,1) … rto:208 mss:2048
        //   cwnd:12 bytes_sent:4096 bytes_acked:4097 busy:1528ms rwnd_limited:1528ms notsent:2985985
        Connection c = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp), TransportProtocol.Tcp, 40109, 40009);
        Assert.Equal(ConnectionState.FinWait1, c.State);
        Assert.Equal(2985985, c.SendQueue);
        Assert.Equal("persist", c.Timer);
        Assert.Equal(1, c.TimerRetransmits);
        TcpMetrics m = c.TcpInfo!;
        Assert.Equal(2985985, m.NotSentBytes);
        Assert.Equal(2048, m.MaxSegmentSize);
        Assert.Equal(12, m.CongestionWindow);
        Assert.Equal(4096, m.BytesSent);
        Assert.Equal(4097, m.BytesAcked);
        Assert.Equal(208.0, m.RetransmitTimeoutMs);
        Assert.InRange(m.BusyTimeMs!.Value, 1400, 1528);
        Assert.Equal(m.BusyTimeMs, m.ReceiveWindowLimitedMs);
        Assert.Equal(2, m.DataSegmentsSent);
    }

    [Fact]
    public void MiniSocketsHaveNoInodeNoUidAndTheirTimers()
    {
        var rows = LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp);
        Connection tw = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40107, 40007);
        Assert.Equal(ConnectionState.TimeWait, tw.State);
        Assert.Equal("timewait", tw.Timer);
        Assert.Equal(0, tw.TimerRetransmits);
        Assert.InRange(tw.TimerExpiresIn!.Value.TotalSeconds, 50, 60);
        Assert.Null(tw.Inode);
        Assert.Null(tw.UserId);
        Assert.Null(tw.TcpInfo);

        Connection syn = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40006, 40106);
        Assert.Equal(ConnectionState.SynReceived, syn.State);
        Assert.Equal("10.77.0.9", syn.RemoteAddress);
        Assert.Equal("on", syn.Timer);
        Assert.Equal(1, syn.TimerRetransmits);
        Assert.Null(syn.Inode);
        Assert.Null(syn.UserId);
    }

    [Fact]
    public void KeepaliveTimerIsNamedAndCountsDown()
    {
        Connection c = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp6", TransportProtocol.Tcp), TransportProtocol.Tcp, 40103, 40003);
        Assert.Equal("keepalive", c.Timer);
        Assert.Equal(0, c.TimerRetransmits);
        Assert.InRange(c.TimerExpiresIn!.Value.TotalSeconds, 590, 600);
        Assert.Equal("::1", c.LocalAddress);
    }

    [Fact]
    public void Ipv4MappedAddressesStayIpv6()
    {
        Connection c = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp6", TransportProtocol.Tcp), TransportProtocol.Tcp, 40002, 40102);
        Assert.Equal(IPAddressFamily.IPv6, c.AddressFamily);
        Assert.Equal("::ffff:127.0.0.1", c.LocalAddress);
        Assert.Equal("::ffff:127.0.0.1", c.RemoteAddress);
        Assert.True(c.GetLocalIPAddress()!.IsIPv4MappedToIPv6);

        Connection listener = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp6", TransportProtocol.Tcp), TransportProtocol.Tcp, 40002, 0);
        Assert.Equal("::", listener.LocalAddress);
        Assert.Equal("::", listener.RemoteAddress);
    }

    [Fact]
    public void LinkLocalAddressesCarryTheInterfaceAsScope()
    {
        int ifIndex = LinuxFixture.DummyIfIndex;
        var rows = LinuxFixture.DecodeDump("tcp6", TransportProtocol.Tcp).Concat(LinuxFixture.DecodeDump("udp6", TransportProtocol.Udp)).ToList();
        foreach (Connection c in rows.Where(r => r.GetLocalIPAddress()!.IsIPv6LinkLocal))
        {
            Assert.Equal($"fe80::1%{ifIndex}", c.LocalAddress);
            Assert.Equal(ifIndex, c.GetLocalIPAddress()!.ScopeId);
            Assert.Equal(ifIndex, c.InterfaceIndex);
        }

        Assert.Equal(4, rows.Count(r => r.GetLocalIPAddress()!.IsIPv6LinkLocal));
        Connection pair = LinuxFixture.Find(rows, TransportProtocol.Tcp, 40104, 40004);
        Assert.Equal($"fe80::1%{ifIndex}", pair.RemoteAddress);
    }

    [Fact]
    public void UdpUnconnectedIsListenAndConnectedIsEstablished()
    {
        var rows = LinuxFixture.DecodeDump("udp4", TransportProtocol.Udp);
        Connection unconnected = LinuxFixture.Find(rows, TransportProtocol.Udp, 40201, 0);
        Assert.Equal(ConnectionState.Listen, unconnected.State);

        // ss: UNCONN 2496 0 127.0.0.1:40201 — three 100-byte datagrams queued (skb truesize).
        Assert.Equal(2496, unconnected.ReceiveQueue);
        Assert.Null(unconnected.TcpInfo);
        Connection connected = LinuxFixture.Find(rows, TransportProtocol.Udp, 40203, 40201);
        Assert.Equal(ConnectionState.Established, connected.State);
        Assert.Equal("127.0.0.1", connected.RemoteAddress);
    }

    [Fact]
    public void KernelSideListenFilterDumpHoldsOnlyListeners()
    {
        var rows = LinuxFixture.DecodeDump("tcp4-listen", TransportProtocol.Tcp, tcpInfo: false);
        int listeners = LinuxFixture.ExpectedSockets().Count(e => e.Protocol == TransportProtocol.Tcp && e.Family == IPAddressFamily.IPv4 && e.State == ConnectionState.Listen);
        Assert.Equal(listeners, rows.Count);
        Assert.All(rows, r => Assert.Equal(ConnectionState.Listen, r.State));
        Assert.All(rows, r => Assert.Null(r.TcpInfo));
    }

    [Fact]
    public void BoundInactiveSocketIsClosed()
    {
        // A TCP socket bound but neither listening nor connected: the kernel dumps it (Linux 6.3+) only
        // for the TCP_BOUND_INACTIVE bit and reports its real state, TCP_CLOSE (7) — our Closed.
        Connection c = Assert.Single(LinuxFixture.DecodeDump("tcp4-bound", TransportProtocol.Tcp, tcpInfo: false));
        var e = Assert.Single(LinuxFixture.ExpectedSockets(includeBound: true), x => x.State == ConnectionState.Bound);
        Assert.Equal(ConnectionState.Closed, c.State);
        Assert.Equal("127.0.0.1", c.LocalAddress);
        Assert.Equal(e.LocalPort, c.LocalPort);
        Assert.Equal(e.Inode, c.Inode);
        Assert.Equal(0, c.UserId);
    }

    [Fact]
    public void KernelStateSevenIsClosedForTcpAndListenForUdp()
    {
        // Hand-built from the captured TCP_CLOSE record: the same bytes decoded as a UDP dump reply are an
        // unconnected UDP endpoint (ss: UNCONN), which the model reports as Listen.
        var (seq, pid) = LinuxFixture.DumpIds("tcp4-bound");
        byte[] message = FirstMessage(LinuxFixture.Dump("tcp4-bound"));
        Assert.Equal(7, message[16 + 1]);
        var rows = new List<Connection>();
        LinuxSockDiagDecoder.Decode(message, seq, pid, TransportProtocol.Tcp, false, new LinuxAddressCache(), rows);
        LinuxSockDiagDecoder.Decode(message, seq, pid, TransportProtocol.Udp, false, new LinuxAddressCache(), rows);
        Assert.Equal(ConnectionState.Closed, rows[0].State);
        Assert.Equal(ConnectionState.Listen, rows[1].State);
    }

    [Fact]
    public void MessagesOfOtherSequencesOrPortsAreSkipped()
    {
        var (seq, pid) = LinuxFixture.DumpIds("tcp4");
        byte[] dump = LinuxFixture.Dump("tcp4");
        var rows = new List<Connection>();
        var chunk = LinuxSockDiagDecoder.Decode(dump, seq + 1, pid, TransportProtocol.Tcp, false, new LinuxAddressCache(), rows);
        Assert.Empty(rows);
        Assert.Equal(LinuxSockDiagStatus.Continue, chunk.Status);
        chunk = LinuxSockDiagDecoder.Decode(dump, seq, pid + 1, TransportProtocol.Tcp, false, new LinuxAddressCache(), rows);
        Assert.Empty(rows);
        Assert.Equal(LinuxSockDiagStatus.Continue, chunk.Status);
    }

    [Fact]
    public void ErrorDoneAndDumpInterruptedAreReported()
    {
        byte[] error = Header(36, 2, 0, 5, 9);
        BitConverter.GetBytes(-1).CopyTo(error, 16); // -EPERM
        var chunk = LinuxSockDiagDecoder.Decode(error, 5, 9, TransportProtocol.Tcp, false, new LinuxAddressCache(), new List<Connection>());
        Assert.Equal(LinuxSockDiagStatus.Error, chunk.Status);
        Assert.Equal(1, chunk.Error);

        byte[] message = FirstMessage(LinuxFixture.Dump("tcp4"));
        BitConverter.GetBytes((ushort)0x12).CopyTo(message, 6); // NLM_F_MULTI | NLM_F_DUMP_INTR
        BitConverter.GetBytes(5u).CopyTo(message, 8);
        BitConverter.GetBytes(9u).CopyTo(message, 12);
        byte[] done = Header(20, 3, 2, 5, 9);
        var rows = new List<Connection>();
        chunk = LinuxSockDiagDecoder.Decode(message.Concat(done).ToArray(), 5, 9, TransportProtocol.Tcp, false, new LinuxAddressCache(), rows);
        Assert.Equal(LinuxSockDiagStatus.Done, chunk.Status);
        Assert.True(chunk.Interrupted);
        Assert.Single(rows);

        byte[] doneWithError = Header(20, 3, 2, 5, 9);
        BitConverter.GetBytes(-16).CopyTo(doneWithError, 16); // -EBUSY
        chunk = LinuxSockDiagDecoder.Decode(doneWithError, 5, 9, TransportProtocol.Tcp, false, new LinuxAddressCache(), rows);
        Assert.Equal(LinuxSockDiagStatus.Error, chunk.Status);
        Assert.Equal(16, chunk.Error);
    }

    [Fact]
    public void ShortTcpInfoLeavesLaterFieldsNull()
    {
        // A kernel before 4.6 sends tcp_info up to tcpi_total_retrans (104 bytes): no byte or segment counters.
        var full = LinuxFixture.Find(LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp), TransportProtocol.Tcp, 40008, 40108).TcpInfo!;
        byte[] info = TcpInfoOf(40008, 40108);
        TcpMetrics old = LinuxTcpInfoDecoder.Decode(info.AsSpan(0, 104), null);
        Assert.Equal(full.RoundTripTimeMs, old.RoundTripTimeMs);
        Assert.Equal(full.MaxSegmentSize, old.MaxSegmentSize);
        Assert.Equal(full.TotalRetransmits, old.TotalRetransmits);
        Assert.Null(old.PacingRateBytesPerSecond);
        Assert.Null(old.BytesReceived);
        Assert.Null(old.SegmentsSent);
        Assert.Null(old.MinRoundTripTimeMs);
        Assert.Null(old.SendWindow);
        Assert.Null(old.BytesSent);

        TcpMetrics cut = LinuxTcpInfoDecoder.Decode(info.AsSpan(0, 70), "cubic");
        Assert.Equal(full.PathMtu, cut.PathMtu);
        Assert.Null(cut.RoundTripTimeMs); // rtt lies at 68..72
        Assert.Equal("cubic", cut.CongestionAlgorithm);

        TcpMetrics none = LinuxTcpInfoDecoder.Decode(ReadOnlySpan<byte>.Empty, null);
        Assert.Null(none.RetransmitTimeoutMs);
        Assert.Null(none.CongestionWindow);
    }

    [Fact]
    public void NativeStructSizesMatchTheKernel()
    {
        Assert.Equal(16, Marshal.SizeOf<NetlinkMessageHeader>());
        Assert.Equal(12, Marshal.SizeOf<SockAddrNetlink>());
        Assert.Equal(48, Marshal.SizeOf<InetDiagSockId>());
        Assert.Equal(56, Marshal.SizeOf<InetDiagRequestV2>());
        Assert.Equal(72, Marshal.SizeOf<SockDiagRequest>());
        Assert.Equal(4, (int)Marshal.OffsetOf<InetDiagSockId>(nameof(InetDiagSockId.Source)));
        Assert.Equal(20, (int)Marshal.OffsetOf<InetDiagSockId>(nameof(InetDiagSockId.Destination)));
        Assert.Equal(36, (int)Marshal.OffsetOf<InetDiagSockId>(nameof(InetDiagSockId.Interface)));
    }

    [Fact]
    public void EqualAddressesShareOneInstance()
    {
        var rows = LinuxFixture.DecodeDump("tcp4", TransportProtocol.Tcp);
        var loopback = rows.Where(r => r.LocalAddress == "127.0.0.1").Select(r => r.GetLocalIPAddress())
            .Concat(rows.Where(r => r.RemoteAddress == "127.0.0.1").Select(r => r.GetRemoteIPAddress())).ToList();
        Assert.True(loopback.Count > 10);
        Assert.Single(loopback.Distinct(ReferenceEqualityComparer.Instance));
        rows = LinuxFixture.DecodeDump("tcp6", TransportProtocol.Tcp);
        var v6 = rows.Where(r => r.LocalAddress == "::1").Select(r => r.GetLocalIPAddress()).Concat(rows.Where(r => r.RemoteAddress == "::1").Select(r => r.GetRemoteIPAddress()));
        Assert.Single(v6.Distinct(ReferenceEqualityComparer.Instance));
    }

    internal static byte[] FirstMessage(byte[] dump) => dump.AsSpan(0, BitConverter.ToInt32(dump, 0)).ToArray();

    private static byte[] TcpInfoOf(int localPort, int remotePort)
    {
        byte[] dump = LinuxFixture.Dump("tcp4");
        for (int at = 0; at < dump.Length;)
        {
            int length = BitConverter.ToInt32(dump, at);
            if (BitConverter.ToUInt16(dump, at + 4) == 20 &&
                ((dump[at + 20] << 8) | dump[at + 21]) == localPort && ((dump[at + 22] << 8) | dump[at + 23]) == remotePort)
            {
                for (int a = at + 16 + 72; a < at + length;)
                {
                    int alen = BitConverter.ToUInt16(dump, a);
                    if (BitConverter.ToUInt16(dump, a + 2) == 2)
                    {
                        return dump.AsSpan(a + 4, alen - 4).ToArray();
                    }

                    a += (alen + 3) & ~3;
                }
            }

            at += (length + 3) & ~3;
        }

        throw new InvalidOperationException("no such socket in the fixture");
    }

    private static byte[] Header(int length, ushort type, ushort flags, uint seq, uint pid)
    {
        var b = new byte[length];
        BitConverter.GetBytes(length).CopyTo(b, 0);
        BitConverter.GetBytes(type).CopyTo(b, 4);
        BitConverter.GetBytes(flags).CopyTo(b, 6);
        BitConverter.GetBytes(seq).CopyTo(b, 8);
        BitConverter.GetBytes(pid).CopyTo(b, 12);
        return b;
    }
}
