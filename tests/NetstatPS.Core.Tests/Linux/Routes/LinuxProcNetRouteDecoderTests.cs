using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>The /proc/net/route and /proc/net/ipv6_route fallback, on files captured with the netlink dumps.</summary>
public class LinuxProcNetRouteDecoderTests
{
    private static readonly Func<string, int?> FixtureIndex = name =>
    {
        foreach (KeyValuePair<int, string> e in LinuxRouteDecoderTests.FixtureNames())
        {
            if (e.Value == name)
            {
                return e.Key;
            }
        }

        return null;
    };

    private static List<Route> DecodeProc()
    {
        var routes = new List<Route>();
        LinuxProcNetRouteDecoder.DecodeIPv4(LinuxTestSupport.FixtureBytes("routes", "proc-net-route"), FixtureIndex, routes);
        LinuxProcNetRouteDecoder.DecodeIPv6(LinuxTestSupport.FixtureBytes("routes", "proc-net-ipv6_route"), FixtureIndex, routes);
        return routes;
    }

    // What /proc cannot express the same way (see LinuxProcNetRouteDecoder's remarks): reject kinds (the IPv4
    // blackhole 10.66/16 looks like a unicast route there), an IPv6 next hop of an IPv4 route (10.50/16),
    // IPv6 table ids (2001:db8:50::/48 is in table 100), IPv4 multipath (only the first hop is printed).
    private static bool Expressible(Route r) =>
        r.Type is not ("Blackhole" or "Unreachable" or "Prohibit") &&
        r.DestinationPrefix is not ("10.50.0.0/16" or "2001:db8:50::/48" or "10.66.0.0/16" or "10.30.0.0/16");

    private static string Shape(Route r) => string.Join(
        "|", r.AddressFamily, r.DestinationPrefix, r.NextHop, r.IsOnLink, r.InterfaceName, r.InterfaceIndex, r.Metric, r.RouteMetric,
        r.Type, r.Table, r.TableName, r.Flags, r.Preference, r.Netmask, r.IsDefault);

    [Fact]
    public void GivesTheSameObjectsAsNetlinkForWhatBothCanExpress()
    {
        List<Route> netlink = LinuxRouteDecoderTests.Decode(null)
            .Where(r => r.Table == 254 || (r.AddressFamily == IPAddressFamily.IPv6 && r.Table == 255))
            .Where(Expressible).ToList();
        List<Route> proc = DecodeProc().Where(Expressible).ToList();
        Assert.Equal(netlink.Select(Shape).OrderBy(s => s, StringComparer.Ordinal), proc.Select(Shape).OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(18, proc.Count);
        Route firstHop = Assert.Single(DecodeProc(), r => r.DestinationPrefix == "10.30.0.0/16");
        Assert.Equal("10.9.0.2", firstHop.NextHop);
        Assert.All(proc, r => Assert.Equal(("ProcNet", (string?)null, (string?)null, (string?)null, (int?)null), (r.Source, r.Protocol, r.Scope, r.InterfaceAddress, r.Mtu)));
    }

    [Fact]
    public void DecodesProcNetRouteFieldByField()
    {
        List<Route> proc = DecodeProc();
        Route host = Assert.Single(proc, r => r.DestinationPrefix == "10.41.0.5/32");
        Assert.Equal((IPAddressFamily.IPv4, "10.41.0.5", "0.0.0.0", true, "va", (int?)3, (long?)0, "UH", "Unicast", (long?)254, "main"), (host.AddressFamily, host.Destination, host.NextHop, host.IsOnLink, host.InterfaceName!, host.InterfaceIndex, host.Metric, host.Flags, host.Type, host.Table, host.TableName!));

        Route metric = Assert.Single(proc, r => r.DestinationPrefix == "10.40.0.0/16");
        Assert.Equal(("10.9.0.2", (long?)77, "UG"), (metric.NextHop, metric.Metric, metric.Flags));

        // What /proc shows of reject routes: unreachable/prohibit as RTF_REJECT, a blackhole as a device-less route.
        Assert.Equal(("Unreachable", "!", (string?)null), Pick("10.67.0.0/16"));
        Assert.Equal(("Unreachable", "!", (string?)null), Pick("10.68.0.0/16"));
        Assert.Equal(("Unicast", "U", (string?)null), Pick("10.66.0.0/16"));
        Assert.Equal(("Unreachable", "!", "lo"), Pick("2001:db8:67::/48"));

        Route pref = Assert.Single(proc, r => r.DestinationPrefix == "2001:db8:20::/48");
        Assert.Equal(("2001:db8:9::2", (long?)42, "High", "UG"), (pref.NextHop, pref.Metric, pref.Preference!, pref.Flags));

        // The kernel's ip6_null_entry lines (::/0 metric ffffffff, reject, lo) are no routes.
        Assert.DoesNotContain(proc, r => r.DestinationPrefix == "::/0" && r.Metric == uint.MaxValue);

        (string, string, string?) Pick(string prefix)
        {
            Route r = Assert.Single(proc, x => x.DestinationPrefix == prefix);
            return (r.Type, r.Flags, r.InterfaceName);
        }
    }

    [Fact]
    public void SourceHonoursTablesInTheFallback()
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nsps-procroute-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        System.IO.File.Copy(LinuxTestSupport.Fixture("routes", "proc-net-route"), System.IO.Path.Combine(dir, "route"));
        System.IO.File.Copy(LinuxTestSupport.Fixture("routes", "proc-net-ipv6_route"), System.IO.Path.Combine(dir, "ipv6_route"));
        var source = new LinuxRouteSource(dir, forceFallback: true, FixtureIndex);

        var warnings = new WarningCollector();
        var main = new List<Route>();
        source.Read(new RouteQuery(), main, warnings);
        Assert.Empty(warnings.Items);
        Assert.All(main, r => Assert.Equal("main", r.TableName));
        Assert.Contains(main, r => r.DestinationPrefix == "0.0.0.0/0" && r.NextHop == "10.9.0.254");

        var local6 = new List<Route>();
        source.Read(new RouteQuery { Tables = new[] { "local" }, AddressFamilies = new[] { IPAddressFamily.IPv6 } }, local6, warnings);
        Assert.Equal(6, local6.Count);
        Assert.All(local6, r => Assert.Equal((IPAddressFamily.IPv6, "local"), (r.AddressFamily, r.TableName!)));

        var quiet = new WarningCollector();
        var every = new List<Route>();
        source.Read(new RouteQuery { Tables = new[] { "all" } }, every, quiet);
        Assert.Equal(main.Count + 6, every.Count);
        Assert.Single(quiet.Items);

        var bad = new WarningCollector();
        source.Read(new RouteQuery { Tables = new[] { "nosuch" } }, new List<Route>(), bad);
        Assert.Contains(bad.Items, w => w.Contains("'nosuch' is not a routing table", StringComparison.Ordinal));

        var policy = new List<Route>();
        source.Read(new RouteQuery { Tables = new[] { "100" } }, policy, warnings);
        Assert.Empty(policy);
        Assert.Contains(warnings.Items, w => w.Contains("policy routing tables", StringComparison.Ordinal));
    }

    [Fact]
    public void ProcRouteDecodersOnlyThrowTheirDecodeError()
    {
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("routes", "proc-net-route"), b => LinuxProcNetRouteDecoder.DecodeIPv4(b, FixtureIndex, new List<Route>()), 71);
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("routes", "proc-net-ipv6_route"), b => LinuxProcNetRouteDecoder.DecodeIPv6(b, FixtureIndex, new List<Route>()), 72);
    }
}
