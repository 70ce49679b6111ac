using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>The RTM_GETROUTE request encoder and the answer decoder, on answers the kernel gave in a namespace (capture-route-get.sh).</summary>
public class LinuxRouteGetDecoderTests
{
    private static readonly Dictionary<int, string> Names = RouteGetFixture.Names();

    public static TheoryData<string> AnsweredCases => new(RouteGetFixture.Cases.Where(c => c != "unreachable"));

    internal static Route Decode(string name) => Decode(name, name, out _);

    internal static Route Decode(string answerCase, string fibCase, out bool matchUsed)
    {
        NetlinkAnswerCollector answer = RouteGetFixture.Collect(answerCase, "answer");
        NetlinkAnswerCollector fib = RouteGetFixture.Collect(fibCase, "fib");
        Assert.Equal((true, 0, LinuxRouteDecoder.NewRoute), (answer.IsDone, answer.Error, answer.Type));
        return LinuxRouteGetDecoder.Decode(answer.Payload, fib.Payload ?? Array.Empty<byte>(), Names, out matchUsed);
    }

    [Theory]
    [MemberData(nameof(AnsweredCases))]
    public void EveryAnswerAgreesWithIpRouteGetAndItsFibMatch(string name)
    {
        Route r = Decode(name);
        JsonElement ip = RouteGetFixture.Ip(name, "answer")!.Value;
        bool v6 = r.AddressFamily == IPAddressFamily.IPv6;
        string gateway = LinuxTestSupport.Str(ip, "gateway") ?? (ip.TryGetProperty("via", out JsonElement via) ? LinuxTestSupport.Str(via, "host")! : v6 ? "::" : "0.0.0.0");
        Assert.Equal(gateway, r.NextHop);
        Assert.Equal(LinuxTestSupport.Str(ip, "dev"), r.InterfaceName);
        Assert.Equal(LinuxTestSupport.Str(ip, "table"), r.TableName);
        Assert.Equal(LinuxTestSupport.Str(ip, "prefsrc"), r.InterfaceAddress);
        Assert.Equal(LinuxTestSupport.Str(ip, "type") ?? "unicast", r.Type.ToLowerInvariant());
        Assert.Equal("NetlinkRouteGet", r.Source);

        JsonElement fib = RouteGetFixture.Ip(name, "fib")!.Value;
        string dst = LinuxTestSupport.Str(fib, "dst")!;
        dst = dst == "default" ? (v6 ? "::/0" : "0.0.0.0/0") : dst.Contains('/', StringComparison.Ordinal) ? dst : dst + (v6 ? "/128" : "/32");
        Assert.Equal(dst, r.DestinationPrefix);
        int? weight = null;
        if (fib.TryGetProperty("nexthops", out JsonElement hops))
        {
            weight = (int)hops.EnumerateArray().Single(h => LinuxTestSupport.Str(h, "gateway") == r.NextHop && LinuxTestSupport.Str(h, "dev") == r.InterfaceName).GetProperty("weight").GetInt64();
        }

        Assert.Equal(weight, r.Weight);
        Assert.Equal(LinuxTestSupport.Num(fib, "nhid"), r.NextHopId);
        Assert.Equal(LinuxTestSupport.Num(fib, "metric") ?? 0, r.Metric);
        Assert.Equal(LinuxTestSupport.Str(fib, "protocol") ?? "boot", r.Protocol); // ip omits boot
    }

    [Fact]
    public void AMultipathRouteGivesTheChosenHopWithItsWeightAndTheMatchedPrefix()
    {
        Route va = Decode("multipath-va");
        Assert.Equal(("172.16.0.0/16", "10.9.0.2", "va", "10.9.0.1", 1, "main", 254L), (va.DestinationPrefix, va.NextHop, va.InterfaceName!, va.InterfaceAddress!, va.Weight!.Value, va.TableName!, va.Table!.Value));
        Route vc = Decode("multipath-vc");
        Assert.Equal(("172.16.0.0/16", "10.8.0.3", "vc", "10.8.0.1", 3), (vc.DestinationPrefix, vc.NextHop, vc.InterfaceName!, vc.InterfaceAddress!, vc.Weight!.Value));
        Assert.Equal(("UG", "Unicast", "Universe", false, 16, "255.255.0.0"), (vc.Flags, vc.Type, vc.Scope!, vc.IsOnLink, vc.PrefixLength, vc.Netmask!));
        Assert.Null(vc.NextHopId);
    }

    [Fact]
    public void ANexthopGroupRouteNamesItsObjectAndTheHopsWeight()
    {
        Route r = Decode("nexthop-group");
        Assert.Equal(("172.17.0.0/16", "10.8.0.6", "vc", 10L, 3), (r.DestinationPrefix, r.NextHop, r.InterfaceName!, r.NextHopId!.Value, r.Weight!.Value));
    }

    [Fact]
    public void PolicyAndSourceRulesAnswerFromTheirTables()
    {
        Route policy = Decode("policy");
        Assert.Equal(("198.18.0.0/15", "10.8.0.9", 100L, "100", "static", 1400, (int?)null), (policy.DestinationPrefix, policy.NextHop, policy.Table!.Value, policy.TableName!, policy.Protocol!, policy.Mtu!.Value, policy.Weight));
        Route source = Decode("source-rule");
        Assert.Equal(("0.0.0.0/0", "10.8.0.254", "vc", 200L, (string?)null), (source.DestinationPrefix, source.NextHop, source.InterfaceName!, source.Table!.Value, source.InterfaceAddress));
        Assert.True(source.IsDefault);
    }

    [Fact]
    public void TheHostsOwnAddressLeavesThroughLoFromTheLocalTable()
    {
        Route r = Decode("local");
        Assert.Equal(("10.9.0.1/32", "lo", 1, "Local", "local", "kernel", "Host", "UH", true), (r.DestinationPrefix, r.InterfaceName!, r.InterfaceIndex!.Value, r.Type, r.TableName!, r.Protocol!, r.Scope!, r.Flags, r.IsOnLink));
    }

    [Fact]
    public void AnIPv4RouteViaAnIPv6NextHopAndAnIPv6MultipathRoute()
    {
        Route via = Decode("via-inet6");
        Assert.Equal(("10.50.0.0/16", "2001:db8:9::2", false, "UG"), (via.DestinationPrefix, via.NextHop, via.IsOnLink, via.Flags));
        Route v6 = Decode("ipv6-multipath");
        Assert.Equal((IPAddressFamily.IPv6, "2001:db8:40::/48", "2001:db8:9::2", "va", 1, 1024L, "Medium", (string?)null), (v6.AddressFamily, v6.DestinationPrefix, v6.NextHop, v6.InterfaceName!, v6.Weight!.Value, v6.Metric!.Value, v6.Preference!, v6.Netmask));
    }

    [Fact]
    public void AnUnreachableRouteIsTheKernelsErrorNotAnAnswer()
    {
        foreach (string kind in new[] { "answer", "fib" })
        {
            NetlinkAnswerCollector c = RouteGetFixture.Collect("unreachable", kind);
            Assert.Equal((true, 113, (byte[]?)null), (c.IsDone, c.Error, c.Payload));
        }

        Assert.Equal(
            "No route to 10.67.0.1: the kernel answered No route to host (EHOSTUNREACH): an unreachable route matches it.",
            LinuxRouteLookupErrors.Message("10.67.0.1", 113));
        Assert.Contains("or 10.8.0.9 is not an address of this host", LinuxRouteLookupErrors.Message("1.1.1.1", 101, "10.8.0.9"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryThatDoesNotFitThePathIsIgnoredAndThePrefixIsTheAddress()
    {
        // The answer for 172.16.0.1 with the policy route's entry: another table, so the table changed between the requests.
        Route r = Decode("multipath-va", "policy", out bool used);
        Assert.False(used);
        Assert.Equal(("172.16.0.1/32", "10.9.0.2", (int?)null, "UGH"), (r.DestinationPrefix, r.NextHop, r.Weight, r.Flags));

        // The multipath entry, but a hop the path did not take.
        NetlinkAnswerCollector answer = RouteGetFixture.Collect("multipath-vc", "answer");
        NetlinkAnswerCollector nhGroup = RouteGetFixture.Collect("nexthop-group", "fib");
        LinuxRouteGetDecoder.Decode(answer.Payload, nhGroup.Payload, Names, out used);
        Assert.False(used);

        // No second answer at all (the kernel refused RTM_F_FIB_MATCH).
        Route alone = LinuxRouteGetDecoder.Decode(answer.Payload, Array.Empty<byte>(), Names, out used);
        Assert.False(used);
        Assert.Equal(("172.16.0.2/32", "vc", "main"), (alone.DestinationPrefix, alone.InterfaceName!, alone.TableName!));
    }

    [Fact]
    public void AComputedRouteInPlaceOfAnEntryIsNotTakenForOne()
    {
        // A second answer flagged RTM_F_CLONED (here: the plain answer itself) is a computed route, not a table entry.
        NetlinkAnswerCollector answer = RouteGetFixture.Collect("multipath-vc", "answer");
        LinuxRouteGetDecoder.Decode(answer.Payload, answer.Payload, Names, out bool used);
        Assert.False(used);
    }

    [Fact]
    public void TheRequestIsWhatIpRouteGetSends()
    {
        // strace of `ip route get 172.16.0.5`: nlmsg_len 36, RTM_GETROUTE, NLM_F_REQUEST; rtmsg AF_INET dst_len 32,
        // rtm_flags RTM_F_LOOKUP_TABLE; RTA_DST 172.16.0.5.
        byte[] r = LinuxRouteGetRequest.Build(IPAddress.Parse("172.16.0.5"), null, null, fibMatch: false);
        Assert.Equal(Convert.FromHexString("24000000" + "1a00" + "0100" + "00000000" + "00000000" + "02200000" + "00000000" + "00100000" + "0800" + "0100" + "ac100005"), r);

        // from, oif and fibmatch: rtm_src_len, RTA_SRC (2), RTA_OIF (4), RTM_F_FIB_MATCH | RTM_F_LOOKUP_TABLE.
        byte[] v6 = LinuxRouteGetRequest.Build(IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"), 7, fibMatch: true);
        Assert.Equal(16 + 12 + 20 + 20 + 8, v6.Length);
        Assert.Equal(new byte[] { 10, 128, 128, 0, 0, 0, 0, 0, 0, 0x30, 0, 0 }, v6.AsSpan(16, 12).ToArray());
        Assert.Equal(new byte[] { 20, 0, 1, 0 }, v6.AsSpan(28, 4).ToArray());
        Assert.Equal(new byte[] { 20, 0, 2, 0 }, v6.AsSpan(48, 4).ToArray());
        Assert.Equal(new byte[] { 8, 0, 4, 0, 7, 0, 0, 0 }, v6.AsSpan(68, 8).ToArray());
        Assert.Throws<ArgumentException>(() => LinuxRouteGetRequest.Build(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("::1"), null, false));
    }

    [Fact]
    public void TheCollectorSkipsOtherRequestsAndAcknowledgements()
    {
        byte[] datagram = RouteGetFixture.Datagram("policy", "answer");
        var wrongSequence = new NetlinkAnswerCollector(1, 2);
        Assert.True(wrongSequence.Accept(datagram));
        Assert.False(wrongSequence.IsDone);

        // An ACK (NLMSG_ERROR 0) for the same request, then the answer: the answer is taken.
        uint seq = BitConverter.ToUInt32(datagram, 8), pid = BitConverter.ToUInt32(datagram, 12);
        byte[] ack = new byte[36];
        BitConverter.GetBytes(36).CopyTo(ack, 0);
        BitConverter.GetBytes((ushort)2).CopyTo(ack, 4);
        BitConverter.GetBytes(seq).CopyTo(ack, 8);
        BitConverter.GetBytes(pid).CopyTo(ack, 12);
        var c = new NetlinkAnswerCollector(seq, pid);
        Assert.True(c.Accept(ack));
        Assert.False(c.Accept(ack.Concat(datagram).ToArray()));
        Assert.Equal((LinuxRouteDecoder.NewRoute, 0), (c.Type, c.Error));

        var truncated = new NetlinkAnswerCollector(seq, pid);
        Assert.Throws<NetstatDecodeException>(() => truncated.Accept(ack.AsSpan(0, 18).ToArray().Concat(new byte[2]).ToArray()));
    }

    [Fact]
    public void DecoderAndCollectorOnlyThrowTheirDecodeError()
    {
        int seed = 70;
        foreach (string name in RouteGetFixture.Cases.Where(c => c != "unreachable"))
        {
            byte[] answer = RouteGetFixture.Collect(name, "answer").Payload!;
            byte[] fib = RouteGetFixture.Collect(name, "fib").Payload!;
            DecoderFuzz.NeverThrowsAnythingElse(answer, b => LinuxRouteGetDecoder.Decode(b, fib, Names, out _), seed++);
            DecoderFuzz.NeverThrowsAnythingElse(fib, b => LinuxRouteGetDecoder.Decode(answer, b, Names, out _), seed++);
            byte[] datagram = RouteGetFixture.Datagram(name, "answer");
            uint seq = BitConverter.ToUInt32(datagram, 8), pid = BitConverter.ToUInt32(datagram, 12);
            DecoderFuzz.NeverThrowsAnythingElse(datagram, b => new NetlinkAnswerCollector(seq, pid).Accept(b), seed++);
        }
    }
}
