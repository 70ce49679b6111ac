using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>The rtnetlink route decoder on dumps captured in a namespace set up by tests/fixtures/linux/capture.sh.</summary>
public class LinuxRouteDecoderTests
{
    internal static Dictionary<int, string> FixtureNames()
    {
        var links = new List<InterfaceStatistic>();
        LinuxLinkDecoder.Decode(LinuxTestSupport.FixtureBytes("routes", "rtnl-link.bin"), links);
        return links.ToDictionary(l => l.Index, l => l.Name);
    }

    internal static List<Route> Decode(Func<long, bool>? tables)
    {
        Dictionary<int, string> names = FixtureNames();
        var routes = new List<Route>();
        LinuxRouteDecoder.Decode(LinuxTestSupport.FixtureBytes("routes", "rtnl-route4.bin"), names, tables, routes);
        LinuxRouteDecoder.Decode(LinuxTestSupport.FixtureBytes("routes", "rtnl-route6.bin"), names, tables, routes);
        return routes;
    }

    [Fact]
    public void EveryTableMatchesIproute2sViewOfTheSameNamespace()
    {
        JsonElement all = JsonDocument.Parse(System.IO.File.ReadAllText(LinuxTestSupport.Fixture("routes", "ip-route-all.json"))).RootElement;
        JsonElement v6 = JsonDocument.Parse(System.IO.File.ReadAllText(LinuxTestSupport.Fixture("routes", "ip6-route-all.json"))).RootElement;
        var v6Texts = new HashSet<string>(v6.EnumerateArray().Select(e => e.GetRawText()));
        JsonElement v4 = JsonDocument.Parse("[" + string.Join(",", all.EnumerateArray().Select(e => e.GetRawText()).Where(t => !v6Texts.Contains(t))) + "]").RootElement;

        List<string> expected = IprouteRouteOracle.Keys(v4, IPAddressFamily.IPv4).Concat(IprouteRouteOracle.Keys(v6, IPAddressFamily.IPv6)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        List<string> actual = IprouteRouteOracle.Keys(Decode(null));
        Assert.Equal(expected, actual);
        Assert.Equal(33, actual.Count);
    }

    [Fact]
    public void DecodesAGatewayRouteOfAPolicyTableFieldByField()
    {
        Route r = Assert.Single(Decode(null), x => x.DestinationPrefix == "10.20.0.0/16");
        Assert.Equal(IPAddressFamily.IPv4, r.AddressFamily);
        Assert.Equal("10.20.0.0", r.Destination);
        Assert.Equal(16, r.PrefixLength);
        Assert.Equal("255.255.0.0", r.Netmask);
        Assert.Equal("10.9.0.2", r.NextHop);
        Assert.False(r.IsOnLink);
        Assert.Equal("va", r.InterfaceName);
        Assert.Equal(3, r.InterfaceIndex);
        Assert.Null(r.InterfaceAddress);
        Assert.Equal(0, r.Metric);
        Assert.Equal(0, r.RouteMetric);
        Assert.Null(r.InterfaceMetric);
        Assert.Equal("boot", r.Protocol);
        Assert.Equal("Unicast", r.Type);
        Assert.Equal(100, r.Table);
        Assert.Equal("100", r.TableName);
        Assert.Equal("Universe", r.Scope);
        Assert.Equal("UG", r.Flags);
        Assert.False(r.IsDefault);
        Assert.Null(r.Persistent);
        Assert.Null(r.Mtu);
        Assert.Null(r.Preference);
        Assert.Equal("NetlinkRoute", r.Source);
    }

    [Fact]
    public void DecodesMetricMtuProtocolScopeAndPreferredSource()
    {
        List<Route> routes = Decode(null);
        Route stat = Assert.Single(routes, x => x.DestinationPrefix == "10.40.0.0/16");
        Assert.Equal((77L, 1300, "static", "UG"), (stat.Metric!.Value, stat.Mtu!.Value, stat.Protocol!, stat.Flags));

        Route host = Assert.Single(routes, x => x.DestinationPrefix == "10.41.0.5/32");
        Assert.Equal(("0.0.0.0", true, "Link", "10.9.0.1", "UH", "255.255.255.255"), (host.NextHop, host.IsOnLink, host.Scope!, host.InterfaceAddress!, host.Flags, host.Netmask!));

        Route connected = Assert.Single(routes, x => x.DestinationPrefix == "10.9.0.0/24");
        Assert.Equal(("kernel", "Link", "10.9.0.1", "U"), (connected.Protocol!, connected.Scope!, connected.InterfaceAddress!, connected.Flags));

        Route def = Assert.Single(routes, x => x.DestinationPrefix == "0.0.0.0/0");
        Assert.True(def.IsDefault);
        Assert.Equal(("10.9.0.254", 100L, "main", 254L), (def.NextHop, def.Metric!.Value, def.TableName!, def.Table!.Value));
    }

    [Fact]
    public void GivesOneRoutePerMultipathNextHop()
    {
        List<Route> routes = Decode(null);
        Route[] v4 = routes.Where(x => x.DestinationPrefix == "10.30.0.0/16").ToArray();
        Assert.Equal(new[] { "10.9.0.2", "10.9.0.3" }, v4.Select(r => r.NextHop).ToArray());
        Assert.Equal(new int?[] { 1, 2 }, v4.Select(r => r.Weight).ToArray()); // ip route add … weight 1 … weight 2
        Assert.All(routes.Where(r => r.DestinationPrefix is not ("10.30.0.0/16" or "2001:db8:40::/48")), r => Assert.Null(r.Weight));
        Assert.All(routes, r => Assert.Null(r.NextHopId));
        Assert.All(v4, r => Assert.Equal(("va", 3, "UG", "main"), (r.InterfaceName!, r.InterfaceIndex!.Value, r.Flags, r.TableName!)));

        Route[] v6 = routes.Where(x => x.DestinationPrefix == "2001:db8:40::/48").ToArray();
        Assert.Equal(new[] { "2001:db8:9::2", "2001:db8:9::3" }, v6.Select(r => r.NextHop).ToArray());
        Assert.Equal(new int?[] { 1, 1 }, v6.Select(r => r.Weight).ToArray());
        Assert.All(v6, r => Assert.Equal((1024L, "Medium", "UG"), (r.Metric!.Value, r.Preference!, r.Flags)));
    }

    [Fact]
    public void DecodesAnIPv4RouteViaAnIPv6NextHop()
    {
        Route r = Assert.Single(Decode(null), x => x.DestinationPrefix == "10.50.0.0/16");
        Assert.Equal(("2001:db8:9::2", false, "va", "UG"), (r.NextHop, r.IsOnLink, r.InterfaceName!, r.Flags));
    }

    [Fact]
    public void DecodesRejectRoutesWithTheirKindAndBang()
    {
        List<Route> routes = Decode(null);
        Assert.Equal(("Blackhole", "!", (string?)null, (int?)null), Pick(routes, "10.66.0.0/16"));
        Assert.Equal(("Unreachable", "!", (string?)null, (int?)null), Pick(routes, "10.67.0.0/16"));
        Assert.Equal(("Prohibit", "!", (string?)null, (int?)null), Pick(routes, "10.68.0.0/16"));

        // IPv6 reject routes point at lo in the kernel (ip shows "dev lo" too).
        Assert.Equal(("Unreachable", "!", "lo", (int?)1), Pick(routes, "2001:db8:66::/48"));
        Assert.Equal(("Blackhole", "!", "lo", (int?)1), Pick(routes, "2001:db8:67::/48"));
        Assert.All(routes.Where(r => r.Type is "Blackhole" or "Unreachable" or "Prohibit"), r => Assert.False(r.IsDefault));

        static (string, string, string?, int?) Pick(List<Route> all, string prefix)
        {
            Route r = Assert.Single(all, x => x.DestinationPrefix == prefix);
            return (r.Type, r.Flags, r.InterfaceName, r.InterfaceIndex);
        }
    }

    [Fact]
    public void DecodesIPv6MetricsMtuAndPreference()
    {
        List<Route> routes = Decode(null);
        Route r = Assert.Single(routes, x => x.DestinationPrefix == "2001:db8:20::/48");
        Assert.Equal((IPAddressFamily.IPv6, "2001:db8:9::2", 42L, 1280, "High", "UG", (string?)null), (r.AddressFamily, r.NextHop, r.Metric!.Value, r.Mtu!.Value, r.Preference!, r.Flags, r.Netmask));

        Route onLink = Assert.Single(routes, x => x.DestinationPrefix == "2001:db8:30::/64");
        Assert.Equal(("::", true, 43L, "U", "boot"), (onLink.NextHop, onLink.IsOnLink, onLink.Metric!.Value, onLink.Flags, onLink.Protocol!));

        Route local = Assert.Single(routes, x => x.DestinationPrefix == "::1/128");
        Assert.Equal(("Local", "local", 255L, "lo", "UH", 0L), (local.Type, local.TableName!, local.Table!.Value, local.InterfaceName!, local.Flags, local.Metric!.Value));

        Assert.Equal(2, routes.Count(x => x.DestinationPrefix == "ff00::/8" && x.Type == "Multicast" && x.TableName == "local"));
        Route policy6 = Assert.Single(routes, x => x.DestinationPrefix == "2001:db8:50::/48");
        Assert.Equal(100, policy6.Table);
    }

    [Fact]
    public void KeepsOnlyTheRequestedTables()
    {
        List<Route> main = Decode(t => t == 254);
        Assert.NotEmpty(main);
        Assert.All(main, r => Assert.Equal(254, r.Table));
        Assert.DoesNotContain(main, r => r.DestinationPrefix is "10.20.0.0/16" or "127.0.0.0/8");
        Assert.Equal(Decode(null).Count(r => r.Table == 254), main.Count);

        List<Route> policy = Decode(t => t == 100);
        Assert.Equal(new[] { "10.20.0.0/16", "2001:db8:50::/48" }, policy.Select(r => r.DestinationPrefix).ToArray());
    }

    [Fact]
    public void SkipsClonedCacheEntries()
    {
        // Re-flag every route message of the real dump RTM_F_CLONED (rtm_flags at payload offset 8).
        byte[] dump = LinuxTestSupport.FixtureBytes("routes", "rtnl-route4.bin");
        int withRoutes = 0;
        for (int off = 0; off + 16 <= dump.Length;)
        {
            int len = BitConverter.ToInt32(dump, off);
            if (BitConverter.ToUInt16(dump, off + 4) == 24)
            {
                dump[off + 16 + 9] |= 0x02; // 0x200 = RTM_F_CLONED, second byte of the little-endian u32
                withRoutes++;
            }

            off += (len + 3) & ~3;
        }

        Assert.True(withRoutes > 10);
        var routes = new List<Route>();
        LinuxRouteDecoder.Decode(dump, FixtureNames(), null, routes);
        Assert.Empty(routes);
    }

    [Fact]
    public void RouteDumpDecoderOnlyThrowsItsDecodeError()
    {
        Dictionary<int, string> names = FixtureNames();
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("routes", "rtnl-route6.bin"), b => LinuxRouteDecoder.Decode(b, names, null, new List<Route>()), 61);
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("routes", "rtnl-route4.bin"), b => LinuxRouteDecoder.Decode(b, names, t => t == 254, new List<Route>()), 62);
    }
}
