using System;
using System.Collections.Specialized;
using System.Globalization;
using System.Runtime.InteropServices;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes the structures GetIpStatisticsEx (MIB_IPSTATS), GetIcmpStatisticsEx (MIB_ICMP_EX),
/// GetTcpStatisticsEx2 / GetTcpStatisticsEx (MIB_TCPSTATS2 / MIB_TCPSTATS) and GetUdpStatisticsEx2 /
/// GetUdpStatisticsEx (MIB_UDPSTATS2 / MIB_UDPSTATS) fill, one object per protocol and family.
/// </summary>
/// <remarks>
/// Counters holds every field as the raw unsigned value (ulong, which interval mode differences) under its MIB name (the SDK field name without dw/dw64: InReceives,
/// ActiveOpens, NoPorts …). For ICMP it holds InMsgs, InErrors, OutMsgs, OutErrors and, per message
/// type, In/Out + the type name (InEchoRequest) for named types and In/OutType{n} for other types that
/// counted anything; Received and Sent hold the named types (always) and the non-zero unnamed ones.
/// </remarks>
internal static unsafe class WindowsProtocolStatisticDecoder
{
    /// <summary>Decodes a MIB_IPSTATS.</summary>
    /// <param name="data">The structure's bytes.</param>
    /// <param name="family">The family it was read for.</param>
    /// <returns>The statistics.</returns>
    public static IPStatistic DecodeIp(ReadOnlySpan<byte> data, IPAddressFamily family)
    {
        MibIpStats s = Read<MibIpStats>(data, "MIB_IPSTATS");
        var st = new IPStatistic
        {
            Protocol = family == IPAddressFamily.IPv4 ? "IPv4" : "IPv6",
            AddressFamily = family,
            Source = WindowsSources.IpHlpApi,

            // MIB_IP_FORWARDING = 1, MIB_IP_NOT_FORWARDING = 2.
            Forwarding = s.Forwarding switch { 1 => true, 2 => false, _ => null },
            DefaultTtl = s.DefaultTTL,
            PacketsReceived = s.InReceives,
            ReceivedHeaderErrors = s.InHdrErrors,
            ReceivedAddressErrors = s.InAddrErrors,
            DatagramsForwarded = s.ForwDatagrams,
            UnknownProtocolsReceived = s.InUnknownProtos,
            ReceivedPacketsDiscarded = s.InDiscards,
            ReceivedPacketsDelivered = s.InDelivers,
            OutputRequests = s.OutRequests,
            RoutingDiscards = s.RoutingDiscards,
            DiscardedOutputPackets = s.OutDiscards,
            OutputPacketNoRoute = s.OutNoRoutes,
            ReassemblyRequired = s.ReasmReqds,
            ReassemblySuccessful = s.ReasmOks,
            ReassemblyFailures = s.ReasmFails,

            // dwReasmTimeout is the reassembly timeout setting (seconds), not a count of timeouts: it stays in Counters only.
            ReassemblyTimeouts = null,
            DatagramsSuccessfullyFragmented = s.FragOks,
            DatagramsFailingFragmentation = s.FragFails,
            FragmentsCreated = s.FragCreates,
        };
        OrderedDictionary c = st.Counters;
        c.Add("Forwarding", (ulong)s.Forwarding);
        c.Add("DefaultTTL", (ulong)s.DefaultTTL);
        c.Add("InReceives", (ulong)s.InReceives);
        c.Add("InHdrErrors", (ulong)s.InHdrErrors);
        c.Add("InAddrErrors", (ulong)s.InAddrErrors);
        c.Add("ForwDatagrams", (ulong)s.ForwDatagrams);
        c.Add("InUnknownProtos", (ulong)s.InUnknownProtos);
        c.Add("InDiscards", (ulong)s.InDiscards);
        c.Add("InDelivers", (ulong)s.InDelivers);
        c.Add("OutRequests", (ulong)s.OutRequests);
        c.Add("RoutingDiscards", (ulong)s.RoutingDiscards);
        c.Add("OutDiscards", (ulong)s.OutDiscards);
        c.Add("OutNoRoutes", (ulong)s.OutNoRoutes);
        c.Add("ReasmTimeout", (ulong)s.ReasmTimeout);
        c.Add("ReasmReqds", (ulong)s.ReasmReqds);
        c.Add("ReasmOks", (ulong)s.ReasmOks);
        c.Add("ReasmFails", (ulong)s.ReasmFails);
        c.Add("FragOks", (ulong)s.FragOks);
        c.Add("FragFails", (ulong)s.FragFails);
        c.Add("FragCreates", (ulong)s.FragCreates);
        c.Add("NumIf", (ulong)s.NumIf);
        c.Add("NumAddr", (ulong)s.NumAddr);
        c.Add("NumRoutes", (ulong)s.NumRoutes);
        return st;
    }

    /// <summary>Decodes a MIB_ICMP_EX.</summary>
    /// <param name="data">The structure's bytes.</param>
    /// <param name="family">The family it was read for.</param>
    /// <returns>The statistics.</returns>
    public static IcmpStatistic DecodeIcmp(ReadOnlySpan<byte> data, IPAddressFamily family)
    {
        MibIcmpEx s = Read<MibIcmpEx>(data, "MIB_ICMP_EX");
        var st = new IcmpStatistic
        {
            Protocol = family == IPAddressFamily.IPv4 ? "ICMPv4" : "ICMPv6",
            AddressFamily = family,
            Source = WindowsSources.IpHlpApi,
            MessagesReceived = s.InStats.Msgs,
            ErrorsReceived = s.InStats.Errors,
            MessagesSent = s.OutStats.Msgs,
            ErrorsSent = s.OutStats.Errors,
        };
        st.Counters.Add("InMsgs", (ulong)s.InStats.Msgs);
        st.Counters.Add("InErrors", (ulong)s.InStats.Errors);
        st.Counters.Add("OutMsgs", (ulong)s.OutStats.Msgs);
        st.Counters.Add("OutErrors", (ulong)s.OutStats.Errors);
        AddTypes(s.InStats.TypeCount, family, "In", st.Received, st.Counters);
        AddTypes(s.OutStats.TypeCount, family, "Out", st.Sent, st.Counters);
        return st;
    }

    /// <summary>Decodes a MIB_TCPSTATS2 (64-bit segment counters).</summary>
    /// <param name="data">The structure's bytes.</param>
    /// <param name="family">The family it was read for.</param>
    /// <returns>The statistics.</returns>
    public static TcpStatistic DecodeTcp2(ReadOnlySpan<byte> data, IPAddressFamily family)
    {
        MibTcpStats2 s = Read<MibTcpStats2>(data, "MIB_TCPSTATS2");
        return Tcp(family, s.RtoAlgorithm, s.RtoMin, s.RtoMax, s.MaxConn, s.ActiveOpens, s.PassiveOpens, s.AttemptFails, s.EstabResets, s.CurrEstab, s.InSegs, s.OutSegs, s.RetransSegs, s.InErrs, s.OutRsts, s.NumConns);
    }

    /// <summary>Decodes a MIB_TCPSTATS (32-bit counters; Windows before 10 1703).</summary>
    /// <param name="data">The structure's bytes.</param>
    /// <param name="family">The family it was read for.</param>
    /// <returns>The statistics.</returns>
    public static TcpStatistic DecodeTcp(ReadOnlySpan<byte> data, IPAddressFamily family)
    {
        MibTcpStats s = Read<MibTcpStats>(data, "MIB_TCPSTATS");
        TcpStatistic st = Tcp(family, s.RtoAlgorithm, s.RtoMin, s.RtoMax, s.MaxConn, s.ActiveOpens, s.PassiveOpens, s.AttemptFails, s.EstabResets, s.CurrEstab, s.InSegs, s.OutSegs, s.RetransSegs, s.InErrs, s.OutRsts, s.NumConns);
        st.Note = "From GetTcpStatisticsEx (32-bit counters that wrap): GetTcpStatisticsEx2 is not available on this system.";
        return st;
    }

    /// <summary>Decodes a MIB_UDPSTATS2 (64-bit datagram counters).</summary>
    /// <param name="data">The structure's bytes.</param>
    /// <param name="family">The family it was read for.</param>
    /// <returns>The statistics.</returns>
    public static UdpStatistic DecodeUdp2(ReadOnlySpan<byte> data, IPAddressFamily family)
    {
        MibUdpStats2 s = Read<MibUdpStats2>(data, "MIB_UDPSTATS2");
        return Udp(family, s.InDatagrams, s.NoPorts, s.InErrors, s.OutDatagrams, s.NumAddrs);
    }

    /// <summary>Decodes a MIB_UDPSTATS (32-bit counters).</summary>
    /// <param name="data">The structure's bytes.</param>
    /// <param name="family">The family it was read for.</param>
    /// <returns>The statistics.</returns>
    public static UdpStatistic DecodeUdp(ReadOnlySpan<byte> data, IPAddressFamily family)
    {
        MibUdpStats s = Read<MibUdpStats>(data, "MIB_UDPSTATS");
        UdpStatistic st = Udp(family, s.InDatagrams, s.NoPorts, s.InErrors, s.OutDatagrams, s.NumAddrs);
        st.Note = "From GetUdpStatisticsEx (32-bit counters that wrap): GetUdpStatisticsEx2 is not available on this system.";
        return st;
    }

    private static T Read<T>(ReadOnlySpan<byte> data, string name)
        where T : unmanaged
    {
        if (data.Length < sizeof(T))
        {
            throw new NetstatDecodeException($"{name}: {data.Length} bytes, {sizeof(T)} expected.");
        }

        return MemoryMarshal.Read<T>(data);
    }

    private static TcpStatistic Tcp(
        IPAddressFamily family, uint rtoAlgorithm, uint rtoMin, uint rtoMax, uint maxConn, uint activeOpens, uint passiveOpens, uint attemptFails,
        uint estabResets, uint currEstab, ulong inSegs, ulong outSegs, uint retransSegs, uint inErrs, uint outRsts, uint numConns)
    {
        var st = new TcpStatistic
        {
            Protocol = family == IPAddressFamily.IPv4 ? "TCPv4" : "TCPv6",
            AddressFamily = family,
            Source = WindowsSources.IpHlpApi,
            RtoAlgorithm = rtoAlgorithm,
            RtoMinMs = rtoMin,
            RtoMaxMs = rtoMax,

            // MIB_TCP_MAXCONN_DYNAMIC is (DWORD)-1.
            MaxConnections = unchecked((int)maxConn),
            ActiveOpens = activeOpens,
            PassiveOpens = passiveOpens,
            FailedConnectionAttempts = attemptFails,
            ResetConnections = estabResets,
            CurrentConnections = currEstab,
            SegmentsReceived = inSegs,
            SegmentsSent = outSegs,
            SegmentsRetransmitted = retransSegs,
            ReceiveErrors = inErrs,
            ResetsSent = outRsts,
        };
        OrderedDictionary c = st.Counters;
        c.Add("RtoAlgorithm", (ulong)rtoAlgorithm);
        c.Add("RtoMin", (ulong)rtoMin);
        c.Add("RtoMax", (ulong)rtoMax);
        c.Add("MaxConn", (ulong)maxConn); // the raw DWORD: 4294967295 is MIB_TCP_MAXCONN_DYNAMIC
        c.Add("ActiveOpens", (ulong)activeOpens);
        c.Add("PassiveOpens", (ulong)passiveOpens);
        c.Add("AttemptFails", (ulong)attemptFails);
        c.Add("EstabResets", (ulong)estabResets);
        c.Add("CurrEstab", (ulong)currEstab);
        c.Add("InSegs", inSegs);
        c.Add("OutSegs", outSegs);
        c.Add("RetransSegs", (ulong)retransSegs);
        c.Add("InErrs", (ulong)inErrs);
        c.Add("OutRsts", (ulong)outRsts);
        c.Add("NumConns", (ulong)numConns);
        return st;
    }

    private static UdpStatistic Udp(IPAddressFamily family, ulong inDatagrams, uint noPorts, uint inErrors, ulong outDatagrams, uint numAddrs)
    {
        var st = new UdpStatistic
        {
            Protocol = family == IPAddressFamily.IPv4 ? "UDPv4" : "UDPv6",
            AddressFamily = family,
            Source = WindowsSources.IpHlpApi,
            DatagramsReceived = inDatagrams,
            NoPorts = noPorts,
            ReceiveErrors = inErrors,
            DatagramsSent = outDatagrams,
            Endpoints = numAddrs,
        };
        st.Counters.Add("InDatagrams", inDatagrams);
        st.Counters.Add("NoPorts", (ulong)noPorts);
        st.Counters.Add("InErrors", (ulong)inErrors);
        st.Counters.Add("OutDatagrams", outDatagrams);
        st.Counters.Add("NumAddrs", (ulong)numAddrs);
        return st;
    }

    private static void AddTypes(uint* counts, IPAddressFamily family, string direction, OrderedDictionary perType, OrderedDictionary counters)
    {
        for (int type = 0; type < 256; type++)
        {
            string? name = family == IPAddressFamily.IPv4 ? IcmpTypeNames.IPv4(type) : IcmpTypeNames.IPv6(type);
            uint count = counts[type];
            if (name is null)
            {
                if (count == 0)
                {
                    continue;
                }

                name = "Type" + type.ToString(CultureInfo.InvariantCulture);
            }

            perType.Add(name, (ulong)count);
            counters.Add(direction + name, (ulong)count);
        }
    }
}
