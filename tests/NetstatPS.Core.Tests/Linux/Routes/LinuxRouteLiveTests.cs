using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>
/// The route source against the real kernel, inside a network namespace each test creates, with
/// iproute2 (ip route show / ip route get) as the oracle. Never touches the host's own routes.
/// </summary>
public class LinuxRouteLiveTests
{
    // DAD off inside the namespace so link-local addresses (and their local routes) appear at once, not
    // between the oracle's read and the Core's.
    private const string Setup = @"
echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad
echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad
ip link set lo up
ip link add va type veth peer name vb
ip link set va up
ip link set vb up
ip addr add 10.9.0.1/24 dev va
ip -6 addr add 2001:db8:9::1/64 dev va nodad
ip route add default via 10.9.0.254 metric 100
ip route add 10.20.0.0/16 via 10.9.0.2 table 100
ip route add 10.21.0.0/16 dev va table 200 proto static
ip route add 10.30.0.0/16 nexthop via 10.9.0.2 weight 1 nexthop via 10.9.0.3 weight 2
ip nexthop add id 1 via 10.9.0.5 dev va
ip nexthop add id 2 via 10.9.0.6 dev va
ip nexthop add id 10 group 1,1/2,3
ip route add 10.31.0.0/16 nhid 10
ip route add 10.32.0.0/16 nhid 1
ip route add 10.40.0.0/16 via 10.9.0.2 metric 77 mtu 1300 proto static
ip route add 10.40.5.0/24 via 10.9.0.3 metric 5
ip route add 10.41.0.5/32 dev va src 10.9.0.1 scope link
ip route add 10.50.0.0/16 via inet6 2001:db8:9::2 dev va
ip route add blackhole 10.66.0.0/16
ip route add unreachable 10.67.0.0/16
ip route add prohibit 10.68.0.0/16
ip -6 route add default via 2001:db8:9::fe metric 1024
ip -6 route add 2001:db8:20::/48 via 2001:db8:9::2 metric 42 mtu 1280 pref high
ip -6 route add 2001:db8:30::/64 dev va metric 43
ip -6 route add 2001:db8:40::/48 nexthop via 2001:db8:9::2 nexthop via 2001:db8:9::3
ip -6 route add 2001:db8:50::/48 via 2001:db8:9::2 table 100
ip -6 route add unreachable 2001:db8:66::/48
sleep 1
";

    [Fact]
    public void EveryTableEqualsIpRouteShowTableAll()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
ip -4 -j route show table all > $OUT/ip4.json
ip -6 -j route show table all > $OUT/ip6.json
$HOST routes --table all > $OUT/core.json
");
        List<string> expected = Oracle(dir, "ip4.json", "ip6.json");
        List<string> actual = CoreKeys(LinuxTestSupport.Json(dir, "core.json"));
        Assert.Equal(expected, actual);
        Assert.True(actual.Count >= 30, $"{actual.Count} routes");
        Assert.Contains(actual, k => k.Contains("|10.21.0.0/16|", StringComparison.Ordinal) && k.Contains("|200|", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDefaultIsTheMainTableLikeNetstatR()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
ip -4 -j route show > $OUT/ip4.json
ip -6 -j route show > $OUT/ip6.json
$HOST routes > $OUT/core.json
$HOST routes --table 100 --table local --family IPv4 > $OUT/core100.json
ip -4 -j route show table 100 > $OUT/ip4-100.json
ip -4 -j route show table local > $OUT/ip4-local.json
");
        Assert.Equal(Oracle(dir, "ip4.json", "ip6.json"), CoreKeys(LinuxTestSupport.Json(dir, "core.json")));
        var v4Only = Oracle(dir, "ip4-100.json", null, "100").Concat(Oracle(dir, "ip4-local.json", null, "local")).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.Equal(v4Only, CoreKeys(LinuxTestSupport.Json(dir, "core100.json")));
    }

    [Fact]
    public void TheProcFallbackGivesTheSameMainTableRoutes()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
$HOST routes > $OUT/netlink.json
$HOST routes --procfs > $OUT/procfs.json
");
        static bool Expressible(JsonElement r) =>
            LinuxTestSupport.Str(r, "Type") is "Unicast" or "Local" or "Multicast" &&
            LinuxTestSupport.Str(r, "DestinationPrefix") is not ("10.50.0.0/16" or "10.30.0.0/16" or "10.31.0.0/16" or "2001:db8:50::/48" or "10.66.0.0/16");
        static string Shape(JsonElement r) => string.Join("|", new[] { "AddressFamily", "DestinationPrefix", "NextHop", "IsOnLink", "InterfaceName", "InterfaceIndex", "Metric", "Type", "TableName", "Flags", "Preference", "Netmask" }.Select(p => r.GetProperty(p).ToString()));
        List<string> netlink = LinuxTestSupport.Json(dir, "netlink.json").GetProperty("Items").EnumerateArray().Where(Expressible).Select(Shape).OrderBy(s => s, StringComparer.Ordinal).ToList();
        List<string> procfs = LinuxTestSupport.Json(dir, "procfs.json").GetProperty("Items").EnumerateArray().Where(Expressible).Select(Shape).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(netlink, procfs);
        Assert.True(procfs.Count >= 10, $"{procfs.Count} comparable routes");
        Assert.All(LinuxTestSupport.Json(dir, "procfs.json").GetProperty("Items").EnumerateArray(), r => Assert.Equal("ProcNet", LinuxTestSupport.Str(r, "Source")));
    }

    [Fact]
    public void ADumpSpanningManyDatagramsIsReadWhole()
    {
        // 6000 routes in three tables: the kernel answers in many datagrams of the same sequence number.
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
for t in 300 301 302; do for a in $(seq 0 19); do for b in $(seq 0 99); do echo ""route add 172.$((t - 284)).$a.$b/32 dev va table $t""; done; done; done > $OUT/batch
ip -batch $OUT/batch
ip -4 -j route show table all > $OUT/ip4.json
ip -6 -j route show table all > $OUT/ip6.json
$HOST routes --table all > $OUT/core.json
");
        List<string> actual = CoreKeys(LinuxTestSupport.Json(dir, "core.json"));
        Assert.Equal(Oracle(dir, "ip4.json", "ip6.json"), actual);
        Assert.True(actual.Count > 6000, $"{actual.Count} routes");
    }

    [Theory]
    [InlineData("10.40.7.7")] // via 10.9.0.2 (longer than the default)
    [InlineData("10.40.5.9")] // the /24 inside the /16
    [InlineData("10.9.0.7")] // on-link
    [InlineData("10.9.0.1")] // a local address
    [InlineData("127.0.0.1")] // loopback
    [InlineData("10.9.0.255")] // broadcast
    [InlineData("10.20.1.1")] // only table 100 has it; no rule consults table 100: the default wins
    [InlineData("198.51.100.7")] // default
    [InlineData("10.41.0.5")] // host route
    [InlineData("2001:db8:20::1")]
    [InlineData("2001:db8:30::9")]
    [InlineData("2001:db8:9::5")]
    [InlineData("2001:db8:77::1")] // IPv6 default
    [InlineData("::1")]
    public void DestinationLookupAgreesWithIpRouteGet(string address)
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + $@"
ip -j route get {address} > $OUT/get.json
$HOST routes --destination {address} > $OUT/core.json
");
        JsonElement get = Assert.Single(LinuxTestSupport.Json(dir, "get.json").EnumerateArray());
        JsonElement core = Assert.Single(LinuxTestSupport.Json(dir, "core.json").GetProperty("Items").EnumerateArray());
        string type = LinuxTestSupport.Str(get, "type") ?? "unicast";
        Assert.Equal(type, LinuxTestSupport.Str(core, "Type")!.ToLowerInvariant());
        if (type == "unicast")
        {
            // For local and broadcast destinations ip route get names the delivering device (lo), not the route's.
            Assert.Equal(LinuxTestSupport.Str(get, "dev"), LinuxTestSupport.Str(core, "InterfaceName"));
            Assert.Equal(LinuxTestSupport.Str(get, "gateway") ?? (address.Contains(':', StringComparison.Ordinal) ? "::" : "0.0.0.0"), LinuxTestSupport.Str(core, "NextHop"));
        }

        if (LinuxTestSupport.Str(get, "table") is string table)
        {
            Assert.Equal(table, LinuxTestSupport.Str(core, "TableName"));
        }
    }

    internal static List<string> Oracle(string dir, string v4File, string? v6File, string shownTable = "main")
    {
        var keys = IprouteRouteOracle.Keys(LinuxTestSupport.Json(dir, v4File), IPAddressFamily.IPv4, shownTable);
        if (v6File is not null)
        {
            keys.AddRange(IprouteRouteOracle.Keys(LinuxTestSupport.Json(dir, v6File), IPAddressFamily.IPv6));
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    // The same key IprouteRouteOracle.Keys(IEnumerable<Route>) builds, from nsps-testhost's JSON.
    internal static List<string> CoreKeys(JsonElement result)
    {
        var keys = new List<string>();
        foreach (JsonElement r in result.GetProperty("Items").EnumerateArray())
        {
            bool v4 = LinuxTestSupport.Str(r, "AddressFamily") == "IPv4";
            keys.Add(string.Join(
                "|",
                LinuxTestSupport.Str(r, "AddressFamily"),
                LinuxTestSupport.Str(r, "Type")!.ToLowerInvariant(),
                LinuxTestSupport.Str(r, "DestinationPrefix"),
                r.GetProperty("IsOnLink").GetBoolean() ? "-" : LinuxTestSupport.Str(r, "NextHop"),
                LinuxTestSupport.Str(r, "InterfaceName") ?? "-",
                LinuxTestSupport.Str(r, "TableName"),
                LinuxTestSupport.Str(r, "Protocol"),
                v4 ? LinuxTestSupport.Str(r, "Scope")!.ToLowerInvariant() : "-",
                LinuxTestSupport.Num(r, "Metric")!.Value.ToString(CultureInfo.InvariantCulture),
                LinuxTestSupport.Str(r, "InterfaceAddress") ?? "-",
                LinuxTestSupport.Num(r, "Mtu")?.ToString(CultureInfo.InvariantCulture) ?? "-",
                LinuxTestSupport.Str(r, "Preference")?.ToLowerInvariant() ?? "-",
                LinuxTestSupport.Num(r, "Weight")?.ToString(CultureInfo.InvariantCulture) ?? "-",
                LinuxTestSupport.Num(r, "NextHopId")?.ToString(CultureInfo.InvariantCulture) ?? "-"));
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
