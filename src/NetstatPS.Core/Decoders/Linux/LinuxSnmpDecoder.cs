using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/snmp, /proc/net/snmp6 and /proc/net/netstat into the protocol statistics objects,
/// in netstat -s order: IPv4, IPv6, ICMPv4, ICMPv6, TCP (one object: Linux keeps one TCP counter set for
/// both families), UDPv4, UDPv6, UDPLitev4, UDPLitev6. Pure.
/// </summary>
/// <remarks>
/// /proc/net/snmp and /proc/net/netstat hold pairs of lines, "Tcp: ActiveOpens PassiveOpens …" then
/// "Tcp: 12 34 …": values are matched to names by position within the pair, never by a fixed column.
/// /proc/net/snmp6 holds "Ip6InReceives 123" lines. Counter keys are nstat's names (section + field:
/// TcpActiveOpens, TcpExtTCPTimeouts, IcmpMsgInType3; snmp6 names as they are). Settings and gauges
/// (Ip Forwarding and DefaultTTL; Tcp RtoAlgorithm, RtoMin, RtoMax, MaxConn, CurrEstab) are typed
/// long?/bool? properties and not in Counters, where every value is a ulong counter.
/// Example: "Udp: InDatagrams NoPorts\nUdp: 7 3\n" gives UdpStatistic {Protocol "UDPv4", DatagramsReceived 7,
/// NoPorts 3, Counters {UdpInDatagrams 7, UdpNoPorts 3}}.
/// </remarks>
internal static class LinuxSnmpDecoder
{
    /// <summary>The Source of these objects.</summary>
    public const string SourceName = "ProcNet";

    /// <summary>The Note of the one TCP object.</summary>
    public const string TcpNote = "Linux keeps one set of TCP counters for IPv4 and IPv6 together; this object covers both families.";

    private static readonly HashSet<string> Settings = new(StringComparer.Ordinal)
    {
        "IpForwarding", "IpDefaultTTL", "TcpRtoAlgorithm", "TcpRtoMin", "TcpRtoMax", "TcpMaxConn", "TcpCurrEstab",
    };

    // ICMPv4 message types with a named counter in the Icmp line (RFC 792, 950), and their names.
    private static readonly (int Type, string Field)[] Icmp4Named =
    {
        (3, "DestUnreachs"), (11, "TimeExcds"), (12, "ParmProbs"), (4, "SrcQuenchs"), (5, "Redirects"), (8, "Echos"),
        (0, "EchoReps"), (13, "Timestamps"), (14, "TimestampReps"), (17, "AddrMasks"), (18, "AddrMaskReps"),
    };

    // ICMPv6 message types with a named counter in /proc/net/snmp6 (RFC 4443, 4861, 2710, 3810).
    private static readonly (int Type, string InField, string OutField)[] Icmp6Named =
    {
        (1, "DestUnreachs", "DestUnreachs"), (2, "PktTooBigs", "PktTooBigs"), (3, "TimeExcds", "TimeExcds"),
        (4, "ParmProblems", "ParmProblems"), (128, "Echos", "Echos"), (129, "EchoReplies", "EchoReplies"),
        (130, "GroupMembQueries", "GroupMembQueries"), (131, "GroupMembResponses", "GroupMembResponses"),
        (132, "GroupMembReductions", "GroupMembReductions"), (133, "RouterSolicits", "RouterSolicits"),
        (134, "RouterAdvertisements", "RouterAdvertisements"), (135, "NeighborSolicits", "NeighborSolicits"),
        (136, "NeighborAdvertisements", "NeighborAdvertisements"), (137, "Redirects", "Redirects"),
        (143, "MLDv2Reports", "MLDv2Reports"),
    };

    /// <summary>Decodes the three files; an empty span stands for a missing file (IPv6 disabled: no v6 objects).</summary>
    /// <param name="snmp">/proc/net/snmp.</param>
    /// <param name="snmp6">/proc/net/snmp6.</param>
    /// <param name="extended">/proc/net/netstat (TcpExt, IpExt …).</param>
    /// <param name="ipv6Forwarding">/proc/sys/net/ipv6/conf/all/forwarding, when read.</param>
    /// <param name="ipv6HopLimit">/proc/sys/net/ipv6/conf/all/hop_limit, when read.</param>
    /// <param name="into">Where the objects go.</param>
    public static void Decode(ReadOnlySpan<byte> snmp, ReadOnlySpan<byte> snmp6, ReadOnlySpan<byte> extended, bool? ipv6Forwarding, long? ipv6HopLimit, List<ProtocolStatistic> into)
    {
        var sections = new Dictionary<string, List<KeyValuePair<string, object>>>(StringComparer.Ordinal);
        var sectionOrder = new List<string>();
        ReadPairs(snmp, "/proc/net/snmp", sections, sectionOrder);
        ReadPairs(extended, "/proc/net/netstat", sections, sectionOrder);
        var v6 = new List<KeyValuePair<string, object>>();
        ReadSnmp6(snmp6, v6);

        var all = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (List<KeyValuePair<string, object>> entries in sections.Values)
        {
            foreach (KeyValuePair<string, object> e in entries)
            {
                all[e.Key] = e.Value;
            }
        }

        foreach (KeyValuePair<string, object> e in v6)
        {
            all[e.Key] = e.Value;
        }

        var ipv4 = new IPStatistic { Protocol = "IPv4", AddressFamily = IPAddressFamily.IPv4 };
        var ipv6 = new IPStatistic { Protocol = "IPv6", AddressFamily = IPAddressFamily.IPv6 };
        var icmp4 = new IcmpStatistic { Protocol = "ICMPv4", AddressFamily = IPAddressFamily.IPv4 };
        var icmp6 = new IcmpStatistic { Protocol = "ICMPv6", AddressFamily = IPAddressFamily.IPv6 };
        var tcp = new TcpStatistic { Protocol = "TCP", AddressFamily = null, Note = TcpNote };
        var udp4 = new UdpStatistic { Protocol = "UDPv4", AddressFamily = IPAddressFamily.IPv4 };
        var udp6 = new UdpStatistic { Protocol = "UDPv6", AddressFamily = IPAddressFamily.IPv6 };
        var lite4 = new UdpStatistic { Protocol = "UDPLitev4", AddressFamily = IPAddressFamily.IPv4 };
        var lite6 = new UdpStatistic { Protocol = "UDPLitev6", AddressFamily = IPAddressFamily.IPv6 };

        foreach (string section in sectionOrder)
        {
            ProtocolStatistic? owner = section switch
            {
                "Ip" or "IpExt" => ipv4,
                "Icmp" or "IcmpMsg" => icmp4,
                "Tcp" or "TcpExt" or "MPTcpExt" => tcp,
                "Udp" => udp4,
                "UdpLite" => lite4,
                _ when section.StartsWith("Ip", StringComparison.Ordinal) => ipv4,
                _ when section.StartsWith("Tcp", StringComparison.Ordinal) || section.StartsWith("MPTcp", StringComparison.Ordinal) => tcp,
                _ => null,
            };
            if (owner is not null)
            {
                AddCounters(owner.Counters, sections[section]);
            }
        }

        foreach (KeyValuePair<string, object> e in v6)
        {
            ProtocolStatistic? owner =
                e.Key.StartsWith("Ip6", StringComparison.Ordinal) ? ipv6
                : e.Key.StartsWith("Icmp6", StringComparison.Ordinal) ? icmp6
                : e.Key.StartsWith("UdpLite6", StringComparison.Ordinal) ? lite6
                : e.Key.StartsWith("Udp6", StringComparison.Ordinal) ? udp6
                : null;
            if (owner is not null && e.Value is ulong)
            {
                owner.Counters[e.Key] = e.Value;
            }
        }

        if (sections.ContainsKey("Ip"))
        {
            FillIP(ipv4, all, "Ip", "IpExtInOctets", "IpExtOutOctets", "ForwDatagrams");
            long? forwarding = Signed(all, "IpForwarding");
            ipv4.Forwarding = forwarding is null ? null : forwarding == 1;
            ipv4.DefaultTtl = Signed(all, "IpDefaultTTL");
            Add(into, ipv4);
        }

        if (ipv6.Counters.Count > 0)
        {
            FillIP(ipv6, all, "Ip6", "Ip6InOctets", "Ip6OutOctets", "OutForwDatagrams");
            ipv6.Forwarding = ipv6Forwarding;
            ipv6.DefaultTtl = ipv6HopLimit;
            Add(into, ipv6);
        }

        if (sections.ContainsKey("Icmp"))
        {
            FillIcmp(icmp4, all, "Icmp");
            foreach ((int type, string field) in Icmp4Named)
            {
                AddType(icmp4.Received, all, "IcmpIn" + field, type, false);
                AddType(icmp4.Sent, all, "IcmpOut" + field, type, false);
            }

            AddNumberedTypes(icmp4, "IcmpMsgInType", "IcmpMsgOutType", false);
            Add(into, icmp4);
        }

        if (icmp6.Counters.Count > 0)
        {
            FillIcmp(icmp6, all, "Icmp6");
            foreach ((int type, string inField, string outField) in Icmp6Named)
            {
                AddType(icmp6.Received, all, "Icmp6In" + inField, type, true);
                AddType(icmp6.Sent, all, "Icmp6Out" + outField, type, true);
            }

            AddNumberedTypes(icmp6, "Icmp6InType", "Icmp6OutType", true);
            Add(into, icmp6);
        }

        if (sections.ContainsKey("Tcp"))
        {
            FillTcp(tcp, all);
            Add(into, tcp);
        }

        if (sections.ContainsKey("Udp"))
        {
            FillUdp(udp4, all, "Udp");
            Add(into, udp4);
        }

        if (udp6.Counters.Count > 0)
        {
            FillUdp(udp6, all, "Udp6");
            Add(into, udp6);
        }

        if (sections.ContainsKey("UdpLite"))
        {
            FillUdp(lite4, all, "UdpLite");
            Add(into, lite4);
        }

        if (lite6.Counters.Count > 0)
        {
            FillUdp(lite6, all, "UdpLite6");
            Add(into, lite6);
        }
    }

    private static void Add(List<ProtocolStatistic> into, ProtocolStatistic row)
    {
        row.Source = SourceName;
        into.Add(row);
    }

    private static void AddCounters(OrderedDictionary counters, List<KeyValuePair<string, object>> entries)
    {
        foreach (KeyValuePair<string, object> e in entries)
        {
            if (e.Value is ulong && !Settings.Contains(e.Key))
            {
                counters[e.Key] = e.Value;
            }
        }
    }

    private static void FillIP(IPStatistic s, Dictionary<string, object> all, string p, string octetsIn, string octetsOut, string forwarded)
    {
        s.PacketsReceived = Counter(all, p + "InReceives");
        s.ReceivedHeaderErrors = Counter(all, p + "InHdrErrors");
        s.ReceivedAddressErrors = Counter(all, p + "InAddrErrors");
        s.DatagramsForwarded = Counter(all, p + forwarded);
        s.UnknownProtocolsReceived = Counter(all, p + "InUnknownProtos");
        s.ReceivedPacketsDiscarded = Counter(all, p + "InDiscards");
        s.ReceivedPacketsDelivered = Counter(all, p + "InDelivers");
        s.OutputRequests = Counter(all, p + "OutRequests");
        s.DiscardedOutputPackets = Counter(all, p + "OutDiscards");
        s.OutputPacketNoRoute = Counter(all, p + "OutNoRoutes");
        s.ReassemblyRequired = Counter(all, p + "ReasmReqds");
        s.ReassemblySuccessful = Counter(all, p + "ReasmOKs");
        s.ReassemblyFailures = Counter(all, p + "ReasmFails");
        s.ReassemblyTimeouts = Counter(all, p + "ReasmTimeout");
        s.DatagramsSuccessfullyFragmented = Counter(all, p + "FragOKs");
        s.DatagramsFailingFragmentation = Counter(all, p + "FragFails");
        s.FragmentsCreated = Counter(all, p + "FragCreates");
        s.OctetsReceived = Counter(all, octetsIn);
        s.OctetsSent = Counter(all, octetsOut);
    }

    private static void FillIcmp(IcmpStatistic s, Dictionary<string, object> all, string p)
    {
        s.MessagesReceived = Counter(all, p + "InMsgs");
        s.MessagesSent = Counter(all, p + "OutMsgs");
        s.ErrorsReceived = Counter(all, p + "InErrors");
        s.ErrorsSent = Counter(all, p + "OutErrors");
        s.ChecksumErrors = Counter(all, p + "InCsumErrors");
    }

    private static void FillTcp(TcpStatistic s, Dictionary<string, object> all)
    {
        s.RtoAlgorithm = Signed(all, "TcpRtoAlgorithm");
        s.RtoMinMs = Signed(all, "TcpRtoMin");
        s.RtoMaxMs = Signed(all, "TcpRtoMax");
        s.MaxConnections = Signed(all, "TcpMaxConn");
        s.CurrentConnections = Signed(all, "TcpCurrEstab");
        s.ActiveOpens = Counter(all, "TcpActiveOpens");
        s.PassiveOpens = Counter(all, "TcpPassiveOpens");
        s.FailedConnectionAttempts = Counter(all, "TcpAttemptFails");
        s.ResetConnections = Counter(all, "TcpEstabResets");
        s.SegmentsReceived = Counter(all, "TcpInSegs");
        s.SegmentsSent = Counter(all, "TcpOutSegs");
        s.SegmentsRetransmitted = Counter(all, "TcpRetransSegs");
        s.ReceiveErrors = Counter(all, "TcpInErrs");
        s.ResetsSent = Counter(all, "TcpOutRsts");
        s.ChecksumErrors = Counter(all, "TcpInCsumErrors");
    }

    private static void FillUdp(UdpStatistic s, Dictionary<string, object> all, string p)
    {
        s.DatagramsReceived = Counter(all, p + "InDatagrams");
        s.NoPorts = Counter(all, p + "NoPorts");
        s.ReceiveErrors = Counter(all, p + "InErrors");
        s.DatagramsSent = Counter(all, p + "OutDatagrams");
        s.ReceiveBufferErrors = Counter(all, p + "RcvbufErrors");
        s.SendBufferErrors = Counter(all, p + "SndbufErrors");
        s.ChecksumErrors = Counter(all, p + "InCsumErrors");
        s.IgnoredMulticast = Counter(all, p + "IgnoredMulti");
        s.MemoryErrors = Counter(all, p + "MemErrors");
    }

    private static void AddType(OrderedDictionary into, Dictionary<string, object> all, string key, int type, bool v6)
    {
        if (Counter(all, key) is ulong value)
        {
            into[IcmpTypeNames.Name(type, v6)] = value;
        }
    }

    // Per-type counters the kernel prints as InTypeN/OutTypeN (every non-zero type), for the types the named
    // counters above do not already cover.
    private static void AddNumberedTypes(IcmpStatistic s, string inPrefix, string outPrefix, bool v6)
    {
        foreach (DictionaryEntry e in s.Counters)
        {
            string key = (string)e.Key;
            OrderedDictionary? target = key.StartsWith(inPrefix, StringComparison.Ordinal) ? s.Received
                : key.StartsWith(outPrefix, StringComparison.Ordinal) ? s.Sent
                : null;
            if (target is null)
            {
                continue;
            }

            string number = key.Substring(target == s.Received ? inPrefix.Length : outPrefix.Length);
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int type))
            {
                string name = IcmpTypeNames.Name(type, v6);
                if (!target.Contains(name))
                {
                    target[name] = e.Value;
                }
            }
        }
    }

    private static ulong? Counter(Dictionary<string, object> all, string key) =>
        all.TryGetValue(key, out object? v) && v is ulong u ? u : null;

    private static long? Signed(Dictionary<string, object> all, string key) =>
        !all.TryGetValue(key, out object? v) ? null
        : v is long l ? l
        : v is ulong u && u <= long.MaxValue ? (long)u
        : null;

    private static object ParseValue(ReadOnlySpan<byte> field, string what) =>
        field.Length > 0 && field[0] == (byte)'-' ? LinuxProcText.ParseInt64(field, what) : LinuxProcText.ParseUInt64(field, what);

    private static void ReadPairs(ReadOnlySpan<byte> text, string file, Dictionary<string, List<KeyValuePair<string, object>>> sections, List<string> order)
    {
        ReadOnlySpan<byte> rest = text;
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> names))
        {
            if (LinuxProcText.IsBlankLine(names))
            {
                continue;
            }

            if (!LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> values))
            {
                throw new NetstatDecodeException($"{file}: a line of names has no line of values after it.");
            }

            ReadOnlySpan<byte> n = names, v = values;
            if (!LinuxProcText.NextField(ref n, out ReadOnlySpan<byte> nameTag) || !LinuxProcText.NextField(ref v, out ReadOnlySpan<byte> valueTag) ||
                !nameTag.SequenceEqual(valueTag) || nameTag[nameTag.Length - 1] != (byte)':')
            {
                throw new NetstatDecodeException($"{file}: a names line and its values line do not start with the same 'Section:' tag.");
            }

            string section = LinuxProcText.Text(nameTag.Slice(0, nameTag.Length - 1));
            if (sections.ContainsKey(section))
            {
                throw new NetstatDecodeException($"{file}: section '{section}' appears twice.");
            }

            var entries = new List<KeyValuePair<string, object>>();
            while (LinuxProcText.NextField(ref n, out ReadOnlySpan<byte> name))
            {
                if (!LinuxProcText.NextField(ref v, out ReadOnlySpan<byte> value))
                {
                    throw new NetstatDecodeException($"{file}: section '{section}' has more names than values.");
                }

                string key = section + LinuxProcText.Text(name);
                entries.Add(new KeyValuePair<string, object>(key, ParseValue(value, file + " " + key)));
            }

            if (LinuxProcText.NextField(ref v, out _))
            {
                throw new NetstatDecodeException($"{file}: section '{section}' has more values than names.");
            }

            sections[section] = entries;
            order.Add(section);
        }
    }

    private static void ReadSnmp6(ReadOnlySpan<byte> text, List<KeyValuePair<string, object>> into)
    {
        ReadOnlySpan<byte> rest = text;
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            ReadOnlySpan<byte> l = line;
            if (!LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> name))
            {
                continue;
            }

            if (!LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> value) || LinuxProcText.NextField(ref l, out _))
            {
                throw new NetstatDecodeException("/proc/net/snmp6: a line is not 'Name value'.");
            }

            string key = LinuxProcText.Text(name);
            into.Add(new KeyValuePair<string, object>(key, ParseValue(value, "/proc/net/snmp6 " + key)));
        }
    }
}
