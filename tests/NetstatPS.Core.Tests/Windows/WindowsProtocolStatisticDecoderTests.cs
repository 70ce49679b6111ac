using System;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsProtocolStatisticDecoderTests
{
    private static byte[] Dwords(int count, uint seed)
    {
        byte[] b = new byte[count * 4];
        for (int i = 0; i < count; i++)
        {
            B.U32(b, 4 * i, seed + (uint)i);
        }

        return b;
    }

    [Fact]
    public void DecodesMibIpStats()
    {
        byte[] s = Dwords(23, 1000);
        B.U32(s, 0, 2); // MIB_IP_NOT_FORWARDING
        IPStatistic ip = WindowsProtocolStatisticDecoder.DecodeIp(s, IPAddressFamily.IPv6);
        Assert.Equal("IPv6", ip.Protocol);
        Assert.Equal(IPAddressFamily.IPv6, ip.AddressFamily);
        Assert.False(ip.Forwarding);
        Assert.Equal(1001, ip.DefaultTtl);
        Assert.Equal(1002UL, ip.PacketsReceived);
        Assert.Equal(1003UL, ip.ReceivedHeaderErrors);
        Assert.Equal(1004UL, ip.ReceivedAddressErrors);
        Assert.Equal(1005UL, ip.DatagramsForwarded);
        Assert.Equal(1006UL, ip.UnknownProtocolsReceived);
        Assert.Equal(1007UL, ip.ReceivedPacketsDiscarded);
        Assert.Equal(1008UL, ip.ReceivedPacketsDelivered);
        Assert.Equal(1009UL, ip.OutputRequests);
        Assert.Equal(1010UL, ip.RoutingDiscards);
        Assert.Equal(1011UL, ip.DiscardedOutputPackets);
        Assert.Equal(1012UL, ip.OutputPacketNoRoute);
        Assert.Null(ip.ReassemblyTimeouts); // dwReasmTimeout is a setting
        Assert.Equal(1013UL, ip.Counters["ReasmTimeout"]);
        Assert.Equal(1014UL, ip.ReassemblyRequired);
        Assert.Equal(1015UL, ip.ReassemblySuccessful);
        Assert.Equal(1016UL, ip.ReassemblyFailures);
        Assert.Equal(1017UL, ip.DatagramsSuccessfullyFragmented);
        Assert.Equal(1018UL, ip.DatagramsFailingFragmentation);
        Assert.Equal(1019UL, ip.FragmentsCreated);
        Assert.Equal(1022UL, ip.Counters["NumRoutes"]);
        Assert.Equal(23, ip.Counters.Count);
        Assert.Equal("IpHlpApi", ip.Source);
    }

    [Fact]
    public void DecodesMibIcmpExPerType()
    {
        byte[] s = new byte[2064];
        B.U32(s, 0, 50);     // in dwMsgs
        B.U32(s, 4, 3);      // in dwErrors
        B.U32(s, 8 + (4 * 8), 40);   // in EchoRequest (type 8)
        B.U32(s, 8 + (4 * 42), 2);   // in unnamed type 42
        B.U32(s, 1032, 60);  // out dwMsgs
        B.U32(s, 1036, 4);
        B.U32(s, 1040 + (4 * 0), 39); // out EchoReply (type 0)
        IcmpStatistic v4 = WindowsProtocolStatisticDecoder.DecodeIcmp(s, IPAddressFamily.IPv4);
        Assert.Equal("ICMPv4", v4.Protocol);
        Assert.Equal(50UL, v4.MessagesReceived);
        Assert.Equal(3UL, v4.ErrorsReceived);
        Assert.Equal(60UL, v4.MessagesSent);
        Assert.Equal(4UL, v4.ErrorsSent);
        Assert.Equal(40UL, v4.Received["EchoRequest"]);
        Assert.Equal(2UL, v4.Received["Type42"]);
        Assert.Equal(0UL, v4.Received["DestinationUnreachable"]);
        Assert.Null(v4.Received["Type43"]);
        Assert.Equal(39UL, v4.Sent["EchoReply"]);
        Assert.Equal(40UL, v4.Counters["InEchoRequest"]);
        Assert.Equal(39UL, v4.Counters["OutEchoReply"]);

        byte[] s6 = new byte[2064];
        B.U32(s6, 8 + (4 * 135), 9);
        IcmpStatistic v6 = WindowsProtocolStatisticDecoder.DecodeIcmp(s6, IPAddressFamily.IPv6);
        Assert.Equal("ICMPv6", v6.Protocol);
        Assert.Equal(9UL, v6.Received["NeighborSolicitation"]);
        Assert.Equal(0UL, v6.Received["EchoRequest"]);
    }

    [Fact]
    public void DecodesMibTcpStats2With64BitSegments()
    {
        byte[] s = new byte[72];
        B.U32(s, 0, 4);
        B.U32(s, 4, 300);
        B.U32(s, 8, 120000);
        B.U32(s, 12, uint.MaxValue); // MIB_TCP_MAXCONN_DYNAMIC
        B.U32(s, 16, 11);
        B.U32(s, 20, 12);
        B.U32(s, 24, 13);
        B.U32(s, 28, 14);
        B.U32(s, 32, 15);
        B.U64(s, 40, 0x1_0000_0010UL);
        B.U64(s, 48, 0x2_0000_0020UL);
        B.U32(s, 56, 16);
        B.U32(s, 60, 17);
        B.U32(s, 64, 18);
        B.U32(s, 68, 19);
        TcpStatistic t = WindowsProtocolStatisticDecoder.DecodeTcp2(s, IPAddressFamily.IPv4);
        Assert.Equal("TCPv4", t.Protocol);
        Assert.Equal(4, t.RtoAlgorithm);
        Assert.Equal(300, t.RtoMinMs);
        Assert.Equal(120000, t.RtoMaxMs);
        Assert.Equal(-1, t.MaxConnections);
        Assert.Equal(11UL, t.ActiveOpens);
        Assert.Equal(12UL, t.PassiveOpens);
        Assert.Equal(13UL, t.FailedConnectionAttempts);
        Assert.Equal(14UL, t.ResetConnections);
        Assert.Equal(15, t.CurrentConnections);
        Assert.Equal(0x1_0000_0010UL, t.SegmentsReceived);
        Assert.Equal(0x2_0000_0020UL, t.SegmentsSent);
        Assert.Equal(16UL, t.SegmentsRetransmitted);
        Assert.Equal(17UL, t.ReceiveErrors);
        Assert.Equal(18UL, t.ResetsSent);
        Assert.Equal(19UL, t.Counters["NumConns"]);
        Assert.Null(t.Note);
    }

    [Fact]
    public void DecodesTheOlderMibTcpStatsWithANote()
    {
        byte[] s = Dwords(15, 1);
        TcpStatistic t = WindowsProtocolStatisticDecoder.DecodeTcp(s, IPAddressFamily.IPv6);
        Assert.Equal("TCPv6", t.Protocol);
        Assert.Equal(5UL, t.ActiveOpens);
        Assert.Equal(10UL, t.SegmentsReceived);
        Assert.Equal(11UL, t.SegmentsSent);
        Assert.Equal(12UL, t.SegmentsRetransmitted);
        Assert.Contains("GetTcpStatisticsEx2", t.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodesBothUdpLayouts()
    {
        byte[] s2 = new byte[32];
        B.U64(s2, 0, 0x5_0000_0001UL);
        B.U32(s2, 8, 2);
        B.U32(s2, 12, 3);
        B.U64(s2, 16, 0x6_0000_0004UL);
        B.U32(s2, 24, 5);
        UdpStatistic u = WindowsProtocolStatisticDecoder.DecodeUdp2(s2, IPAddressFamily.IPv6);
        Assert.Equal("UDPv6", u.Protocol);
        Assert.Equal(0x5_0000_0001UL, u.DatagramsReceived);
        Assert.Equal(2UL, u.NoPorts);
        Assert.Equal(3UL, u.ReceiveErrors);
        Assert.Equal(0x6_0000_0004UL, u.DatagramsSent);
        Assert.Equal(5, u.Endpoints);
        Assert.Null(u.Note);

        UdpStatistic old = WindowsProtocolStatisticDecoder.DecodeUdp(Dwords(5, 70), IPAddressFamily.IPv4);
        Assert.Equal("UDPv4", old.Protocol);
        Assert.Equal(70UL, old.DatagramsReceived);
        Assert.Equal(71UL, old.NoPorts);
        Assert.Equal(73UL, old.DatagramsSent);
        Assert.Equal(74, old.Endpoints);
        Assert.NotNull(old.Note);
    }

    [Fact]
    public void RejectsShortStructures()
    {
        Assert.Throws<NetstatDecodeException>(() => WindowsProtocolStatisticDecoder.DecodeIp(new byte[91], IPAddressFamily.IPv4));
        Assert.Throws<NetstatDecodeException>(() => WindowsProtocolStatisticDecoder.DecodeIcmp(new byte[2063], IPAddressFamily.IPv4));
        Assert.Throws<NetstatDecodeException>(() => WindowsProtocolStatisticDecoder.DecodeTcp2(new byte[71], IPAddressFamily.IPv4));
        Assert.Throws<NetstatDecodeException>(() => WindowsProtocolStatisticDecoder.DecodeUdp(new byte[19], IPAddressFamily.IPv4));
    }
}
