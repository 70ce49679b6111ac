using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetstatPS.Decoders.Linux;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Protocols;

/// <summary>The /proc/net/snmp, snmp6 and netstat decoder on captured files and their near-2^64 edited copies.</summary>
public class LinuxSnmpDecoderTests
{
    private const ulong Max = ulong.MaxValue;

    private static readonly string[] SettingKeys = { "IpForwarding", "IpDefaultTTL", "TcpRtoAlgorithm", "TcpRtoMin", "TcpRtoMax", "TcpMaxConn", "TcpCurrEstab" };

    // Typed property → the kernel counter (nstat name) it must equal.
    private static readonly (string Protocol, string Property, string Key)[] Mapping =
    {
        ("IPv4", "PacketsReceived", "IpInReceives"), ("IPv4", "ReceivedHeaderErrors", "IpInHdrErrors"), ("IPv4", "ReceivedAddressErrors", "IpInAddrErrors"),
        ("IPv4", "DatagramsForwarded", "IpForwDatagrams"), ("IPv4", "UnknownProtocolsReceived", "IpInUnknownProtos"), ("IPv4", "ReceivedPacketsDiscarded", "IpInDiscards"),
        ("IPv4", "ReceivedPacketsDelivered", "IpInDelivers"), ("IPv4", "OutputRequests", "IpOutRequests"), ("IPv4", "DiscardedOutputPackets", "IpOutDiscards"),
        ("IPv4", "OutputPacketNoRoute", "IpOutNoRoutes"), ("IPv4", "ReassemblyRequired", "IpReasmReqds"), ("IPv4", "ReassemblySuccessful", "IpReasmOKs"),
        ("IPv4", "ReassemblyFailures", "IpReasmFails"), ("IPv4", "ReassemblyTimeouts", "IpReasmTimeout"), ("IPv4", "DatagramsSuccessfullyFragmented", "IpFragOKs"),
        ("IPv4", "DatagramsFailingFragmentation", "IpFragFails"), ("IPv4", "FragmentsCreated", "IpFragCreates"), ("IPv4", "OctetsReceived", "IpExtInOctets"),
        ("IPv4", "OctetsSent", "IpExtOutOctets"),
        ("IPv6", "PacketsReceived", "Ip6InReceives"), ("IPv6", "ReceivedHeaderErrors", "Ip6InHdrErrors"), ("IPv6", "ReceivedAddressErrors", "Ip6InAddrErrors"),
        ("IPv6", "DatagramsForwarded", "Ip6OutForwDatagrams"), ("IPv6", "UnknownProtocolsReceived", "Ip6InUnknownProtos"), ("IPv6", "ReceivedPacketsDiscarded", "Ip6InDiscards"),
        ("IPv6", "ReceivedPacketsDelivered", "Ip6InDelivers"), ("IPv6", "OutputRequests", "Ip6OutRequests"), ("IPv6", "DiscardedOutputPackets", "Ip6OutDiscards"),
        ("IPv6", "OutputPacketNoRoute", "Ip6OutNoRoutes"), ("IPv6", "ReassemblyRequired", "Ip6ReasmReqds"), ("IPv6", "ReassemblySuccessful", "Ip6ReasmOKs"),
        ("IPv6", "ReassemblyFailures", "Ip6ReasmFails"), ("IPv6", "ReassemblyTimeouts", "Ip6ReasmTimeout"), ("IPv6", "DatagramsSuccessfullyFragmented", "Ip6FragOKs"),
        ("IPv6", "DatagramsFailingFragmentation", "Ip6FragFails"), ("IPv6", "FragmentsCreated", "Ip6FragCreates"), ("IPv6", "OctetsReceived", "Ip6InOctets"),
        ("IPv6", "OctetsSent", "Ip6OutOctets"),
        ("ICMPv4", "MessagesReceived", "IcmpInMsgs"), ("ICMPv4", "MessagesSent", "IcmpOutMsgs"), ("ICMPv4", "ErrorsReceived", "IcmpInErrors"),
        ("ICMPv4", "ErrorsSent", "IcmpOutErrors"), ("ICMPv4", "ChecksumErrors", "IcmpInCsumErrors"),
        ("ICMPv6", "MessagesReceived", "Icmp6InMsgs"), ("ICMPv6", "MessagesSent", "Icmp6OutMsgs"), ("ICMPv6", "ErrorsReceived", "Icmp6InErrors"),
        ("ICMPv6", "ErrorsSent", "Icmp6OutErrors"), ("ICMPv6", "ChecksumErrors", "Icmp6InCsumErrors"),
        ("TCP", "ActiveOpens", "TcpActiveOpens"), ("TCP", "PassiveOpens", "TcpPassiveOpens"), ("TCP", "FailedConnectionAttempts", "TcpAttemptFails"),
        ("TCP", "ResetConnections", "TcpEstabResets"), ("TCP", "SegmentsReceived", "TcpInSegs"), ("TCP", "SegmentsSent", "TcpOutSegs"),
        ("TCP", "SegmentsRetransmitted", "TcpRetransSegs"), ("TCP", "ReceiveErrors", "TcpInErrs"), ("TCP", "ResetsSent", "TcpOutRsts"), ("TCP", "ChecksumErrors", "TcpInCsumErrors"),
        ("UDPv4", "DatagramsReceived", "UdpInDatagrams"), ("UDPv4", "NoPorts", "UdpNoPorts"), ("UDPv4", "ReceiveErrors", "UdpInErrors"), ("UDPv4", "DatagramsSent", "UdpOutDatagrams"),
        ("UDPv4", "ReceiveBufferErrors", "UdpRcvbufErrors"), ("UDPv4", "SendBufferErrors", "UdpSndbufErrors"), ("UDPv4", "ChecksumErrors", "UdpInCsumErrors"),
        ("UDPv4", "IgnoredMulticast", "UdpIgnoredMulti"), ("UDPv4", "MemoryErrors", "UdpMemErrors"),
        ("UDPv6", "DatagramsReceived", "Udp6InDatagrams"), ("UDPv6", "NoPorts", "Udp6NoPorts"), ("UDPv6", "ReceiveErrors", "Udp6InErrors"), ("UDPv6", "DatagramsSent", "Udp6OutDatagrams"),
        ("UDPv6", "ReceiveBufferErrors", "Udp6RcvbufErrors"), ("UDPv6", "SendBufferErrors", "Udp6SndbufErrors"), ("UDPv6", "ChecksumErrors", "Udp6InCsumErrors"),
        ("UDPv6", "IgnoredMulticast", "Udp6IgnoredMulti"), ("UDPv6", "MemoryErrors", "Udp6MemErrors"),
        ("UDPLitev4", "DatagramsReceived", "UdpLiteInDatagrams"), ("UDPLitev4", "NoPorts", "UdpLiteNoPorts"), ("UDPLitev4", "DatagramsSent", "UdpLiteOutDatagrams"),
        ("UDPLitev6", "DatagramsReceived", "UdpLite6InDatagrams"), ("UDPLitev6", "NoPorts", "UdpLite6NoPorts"), ("UDPLitev6", "DatagramsSent", "UdpLite6OutDatagrams"),
    };

    internal static List<ProtocolStatistic> Decode(string directory, bool withSnmp6 = true)
    {
        string dir = directory.Length == 0 ? LinuxTestSupport.Fixture("protocols") : LinuxTestSupport.Fixture("protocols", directory);
        var rows = new List<ProtocolStatistic>();
        LinuxSnmpDecoder.Decode(
            File.ReadAllBytes(Path.Combine(dir, "snmp")),
            withSnmp6 ? File.ReadAllBytes(Path.Combine(dir, "snmp6")) : Array.Empty<byte>(),
            File.ReadAllBytes(Path.Combine(dir, "netstat")),
            ipv6Forwarding: true,
            ipv6HopLimit: 63,
            rows);
        return rows;
    }

    // An independent reading of the files: section + name → value, snmp6 names as they are.
    internal static Dictionary<string, string> RawCounters(string dir)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string f in new[] { "snmp", "netstat" })
        {
            string[] lines = File.ReadAllLines(Path.Combine(dir, f));
            for (int i = 0; i + 1 < lines.Length; i += 2)
            {
                string[] names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string[] values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (int k = 1; k < names.Length; k++)
                {
                    all[names[0].TrimEnd(':') + names[k]] = values[k];
                }
            }
        }

        foreach (string line in File.ReadAllLines(Path.Combine(dir, "snmp6")))
        {
            string[] parts = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                all[parts[0]] = parts[1];
            }
        }

        return all;
    }

    [Fact]
    public void GivesTheProtocolsInNetstatOrderWithOneTcp()
    {
        List<ProtocolStatistic> rows = Decode(string.Empty);
        Assert.Equal(new[] { "IPv4", "IPv6", "ICMPv4", "ICMPv6", "TCP", "UDPv4", "UDPv6", "UDPLitev4", "UDPLitev6" }, rows.Select(r => r.Protocol));
        Assert.Equal(
            new IPAddressFamily?[] { IPAddressFamily.IPv4, IPAddressFamily.IPv6, IPAddressFamily.IPv4, IPAddressFamily.IPv6, null, IPAddressFamily.IPv4, IPAddressFamily.IPv6, IPAddressFamily.IPv4, IPAddressFamily.IPv6 },
            rows.Select(r => r.AddressFamily));
        TcpStatistic tcp = Assert.IsType<TcpStatistic>(rows[4]);
        Assert.Contains("one set of TCP counters", tcp.Note, StringComparison.Ordinal);
        Assert.All(rows.Where(r => r != tcp), r => Assert.Null(r.Note));
        Assert.All(rows, r => Assert.Equal("ProcNet", r.Source));
        Assert.IsType<UdpStatistic>(rows[7]);
    }

    [Fact]
    public void EveryCounterOfTheFilesIsInExactlyOneObjectUnderItsNstatName()
    {
        Dictionary<string, string> raw = RawCounters(LinuxTestSupport.Fixture("protocols"));
        List<ProtocolStatistic> rows = Decode(string.Empty);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ProtocolStatistic r in rows)
        {
            foreach (DictionaryEntry e in r.Counters)
            {
                Assert.IsType<ulong>(e.Value);
                seen.Add((string)e.Key, ((ulong)e.Value!).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(raw.Where(kv => !SettingKeys.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal), seen.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.True(seen.Count > 390, $"{seen.Count} counters");
        Assert.True(rows.Single(r => r.Protocol == "TCP").Counters.Contains("TcpExtTCPTimeouts"));
        Assert.True(rows.Single(r => r.Protocol == "TCP").Counters.Contains("MPTcpExtMPCapableSYNRX"));
        Assert.True(rows.Single(r => r.Protocol == "IPv4").Counters.Contains("IpExtInOctets"));
        Assert.True(rows.Single(r => r.Protocol == "ICMPv4").Counters.Contains("IcmpMsgInType3"));
    }

    [Fact]
    public void TypedPropertiesAreTheirKernelCountersWithDistinctValuesNearTwoToTheSixtyFour()
    {
        List<ProtocolStatistic> rows = Decode("near-2pow64");
        foreach ((string protocol, string property, string key) in Mapping)
        {
            ProtocolStatistic row = rows.Single(r => r.Protocol == protocol);
            object? typed = row.GetType().GetProperty(property)!.GetValue(row);
            Assert.True(row.Counters[key] is ulong, $"{protocol} lacks {key}");
            Assert.True(Equals(row.Counters[key], typed), $"{protocol}.{property} = {typed}, {key} = {row.Counters[key]}");
        }

        // All counters of the edited files are distinct (2^64-1-k), so equal values above mean the right column.
        var ip = (IPStatistic)rows[0];
        Assert.Equal((Max, Max - 1, Max - 16), (ip.PacketsReceived!.Value, ip.ReceivedHeaderErrors!.Value, ip.FragmentsCreated!.Value));
        Assert.Equal((true, 64L), (ip.Forwarding!.Value, ip.DefaultTtl!.Value));
        Assert.Null(ip.RoutingDiscards);
        var tcp = (TcpStatistic)rows.Single(r => r.Protocol == "TCP");
        Assert.Equal((1L, 200L, 120000L, -1L, 5L), (tcp.RtoAlgorithm!.Value, tcp.RtoMinMs!.Value, tcp.RtoMaxMs!.Value, tcp.MaxConnections!.Value, tcp.CurrentConnections!.Value));
        Assert.False(tcp.Counters.Contains("TcpMaxConn"));
        Assert.False(tcp.Counters.Contains("TcpCurrEstab"));
        var v6 = (IPStatistic)rows[1];
        Assert.Equal((true, 63L), (v6.Forwarding!.Value, v6.DefaultTtl!.Value));
        Assert.Equal(Max - 389, ((UdpStatistic)rows.Single(r => r.Protocol == "UDPLitev6")).DatagramsReceived);
    }

    [Fact]
    public void IcmpPerTypeCountsHaveReadableNames()
    {
        List<ProtocolStatistic> rows = Decode(string.Empty);
        var icmp = (IcmpStatistic)rows.Single(r => r.Protocol == "ICMPv4");
        Assert.Equal((3UL, 3UL, 3UL, 3UL), (icmp.MessagesReceived!.Value, icmp.MessagesSent!.Value, (ulong)icmp.Received["DestinationUnreachable"]!, (ulong)icmp.Sent["DestinationUnreachable"]!));
        Assert.Equal(0UL, icmp.Received["EchoRequest"]);
        Assert.Equal(11, icmp.Received.Count);

        var icmp6 = (IcmpStatistic)rows.Single(r => r.Protocol == "ICMPv6");
        Assert.Equal(3UL, icmp6.Received["DestinationUnreachable"]);
        Assert.Equal(2UL, icmp6.Sent["RouterSolicitation"]);
        Assert.Equal(2UL, icmp6.Sent["NeighborSolicitation"]);
        Assert.Equal(8UL, icmp6.Sent["MulticastListenerReportV2"]);
        Assert.Equal(15, icmp6.Received.Count);

        var udp = (UdpStatistic)rows.Single(r => r.Protocol == "UDPv4");
        Assert.Equal((3UL, 4UL), (udp.NoPorts!.Value, udp.DatagramsSent!.Value));
    }

    [Fact]
    public void UnnamedIcmpTypesAreNamedByNumber()
    {
        byte[] snmp = System.Text.Encoding.ASCII.GetBytes("Icmp: InMsgs OutMsgs\nIcmp: 5 0\nIcmpMsg: InType3 InType42\nIcmpMsg: 2 3\n");
        var rows = new List<ProtocolStatistic>();
        LinuxSnmpDecoder.Decode(snmp, default, default, null, null, rows);
        var icmp = (IcmpStatistic)Assert.Single(rows);
        Assert.Equal(new object[] { "DestinationUnreachable", "Type42" }, icmp.Received.Keys.Cast<object>().ToArray());
        Assert.Equal(3UL, icmp.Received["Type42"]);
        Assert.Equal(5UL, icmp.MessagesReceived);
        Assert.Null(icmp.ErrorsReceived);
    }

    [Fact]
    public void WithoutSnmp6ThereAreNoIPv6Objects()
    {
        Assert.Equal(new[] { "IPv4", "ICMPv4", "TCP", "UDPv4", "UDPLitev4" }, Decode(string.Empty, withSnmp6: false).Select(r => r.Protocol));
    }

    [Fact]
    public void ValuesAreMatchedByColumnNameNotPosition()
    {
        byte[] snmp = System.Text.Encoding.ASCII.GetBytes("Udp: NoPorts OutDatagrams InDatagrams\nUdp: 1 2 3\n");
        var rows = new List<ProtocolStatistic>();
        LinuxSnmpDecoder.Decode(snmp, default, default, null, null, rows);
        var udp = (UdpStatistic)Assert.Single(rows);
        Assert.Equal((1UL, 2UL, 3UL), (udp.NoPorts!.Value, udp.DatagramsSent!.Value, udp.DatagramsReceived!.Value));
        Assert.Null(udp.ReceiveErrors);
    }

    [Fact]
    public void SourceReadsTheFilesOfADirectory()
    {
        string dir = LinuxTestSupport.Fixture("protocols");
        var source = new LinuxProtocolStatisticSource(dir, Path.Combine(dir, "no-such-dir"));
        var rows = new List<ProtocolStatistic>();
        var warnings = new NetstatPS.Abstractions.WarningCollector();
        source.Read(rows, warnings);
        Assert.Empty(warnings.Items);
        Assert.Equal(9, rows.Count);
        Assert.Null(((IPStatistic)rows[1]).Forwarding); // the sysctl file was not there: unknown, not false
        Assert.Equal(false, ((IPStatistic)rows[0]).Forwarding); // the namespace had Forwarding 2 (no)
    }

    [Fact]
    public void SnmpDecoderOnlyThrowsItsDecodeError()
    {
        string dir = LinuxTestSupport.Fixture("protocols");
        byte[] snmp = File.ReadAllBytes(Path.Combine(dir, "snmp")), snmp6 = File.ReadAllBytes(Path.Combine(dir, "snmp6")), netstat = File.ReadAllBytes(Path.Combine(dir, "netstat"));
        DecoderFuzz.NeverThrowsAnythingElse(snmp, b => LinuxSnmpDecoder.Decode(b, snmp6, netstat, null, null, new List<ProtocolStatistic>()), 91);
        DecoderFuzz.NeverThrowsAnythingElse(snmp6, b => LinuxSnmpDecoder.Decode(snmp, b, netstat, null, null, new List<ProtocolStatistic>()), 92);
        DecoderFuzz.NeverThrowsAnythingElse(netstat, b => LinuxSnmpDecoder.Decode(snmp, snmp6, b, null, null, new List<ProtocolStatistic>()), 93);
    }
}
