using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>
/// -Destination against the real kernel in a namespace each test creates, for every address of every
/// multipath and policy-routed prefix: the Core's lookup (RouteReader through nsps-testhost lookups)
/// and `ip -j -d route get` / `ip -j route get fibmatch` (the oracle) must give the same gateway, device,
/// table, preferred source and type, the same matched prefix, and the chosen hop's weight.
/// </summary>
public class LinuxRouteLookupLiveTests
{
    // Two links so a multipath route's hops differ by device; tables named in a private rt_tables
    // (a tmpfs over /etc/iproute2 in the test's mount namespace); rules by destination and by source.
    internal const string Setup = @"
mount -t tmpfs tmpfs /etc/iproute2
printf '255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n100\tpolicy\n' > /etc/iproute2/rt_tables
mkdir /etc/iproute2/rt_tables.d
printf '200 blue\n0x12c wide # hex\n' > /etc/iproute2/rt_tables.d/lab.conf
echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad
echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad
ip link set lo up
ip link add va type veth peer name vb
ip link add vc type veth peer name vd
for d in va vb vc vd; do ip link set $d up; done
ip addr add 10.9.0.1/24 dev va
ip addr add 10.8.0.1/24 dev vc
ip -6 addr add 2001:db8:9::1/64 dev va nodad
ip -6 addr add 2001:db8:8::1/64 dev vc nodad
ip route add default via 10.9.0.254 metric 100
ip route add 172.16.0.0/16 nexthop via 10.9.0.2 weight 1 nexthop via 10.8.0.3 weight 3
ip nexthop add id 1 via 10.9.0.5 dev va
ip nexthop add id 2 via 10.8.0.6 dev vc
ip nexthop add id 10 group 1/2
ip nexthop add id 11 group 1,1/2,3
ip route add 172.17.0.0/16 nhid 10
ip route add 172.18.0.0/16 nhid 11
ip route add 198.18.0.0/15 via 10.8.0.9 table policy
ip route add 198.19.128.0/17 table policy nexthop via 10.9.0.7 nexthop via 10.8.0.7 weight 2
ip rule add to 198.18.0.0/15 lookup policy
ip route add 203.0.113.0/24 via 10.9.0.99
ip route add default via 10.8.0.254 table blue
ip rule add from 10.8.0.1 lookup blue
ip route add 192.0.2.0/24 dev vc table wide
ip rule add to 192.0.2.0/24 lookup wide
ip route add unreachable 10.67.0.0/16
ip route add blackhole 10.66.0.0/16
ip route add prohibit 10.68.0.0/16
ip -6 route add default via 2001:db8:9::fe metric 1024
ip -6 route add 2001:db8:40::/48 nexthop via 2001:db8:9::2 weight 1 nexthop via 2001:db8:8::3 weight 3
ip -6 route add 2001:db8:70::/48 via 2001:db8:8::9 table policy
ip -6 rule add to 2001:db8:70::/48 lookup policy
ip -6 route add unreachable 2001:db8:66::/48
sleep 1
";

    private readonly ITestOutputHelper output;

    public LinuxRouteLookupLiveTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string, string, string> Sets => new()
    {
        // name, addresses (a bash word list), extra lookup options for both (from / oif)
        { "multipath 172.16.0.0/16 (weights 1:3)", "$(seq -f 172.16.0.%g 1 64)", string.Empty },
        { "nexthop group 1/2 on 172.17.0.0/16", "$(seq -f 172.17.0.%g 1 64)", string.Empty },
        { "nexthop group 1,1/2,3 on 172.18.0.0/16", "$(seq -f 172.18.0.%g 1 64)", string.Empty },
        { "policy rule to 198.18.0.0/15 lookup policy (100)", "$(seq -f 198.18.0.%g 1 32) $(seq -f 198.18.200.%g 1 16)", string.Empty },
        { "multipath 198.19.128.0/17 inside the policy table", "$(seq -f 198.19.128.%g 1 48)", string.Empty },
        { "rule to 192.0.2.0/24 lookup wide (0x12c, rt_tables.d)", "$(seq -f 192.0.2.%g 1 16)", string.Empty },
        { "IPv6 multipath 2001:db8:40::/48 (weights 1:3)", "$(seq -f 2001:db8:40::%g 1 64)", string.Empty },
        { "IPv6 policy rule to 2001:db8:70::/48", "$(seq -f 2001:db8:70::%g 1 16)", string.Empty },
        { "source rule from 10.8.0.1 lookup blue", "$(seq -f 203.0.113.%g 1 16) $(seq -f 172.16.1.%g 1 16)", "from 10.8.0.1" },
        { "203.0.113.0/24 without a source (main)", "$(seq -f 203.0.113.%g 1 16)", string.Empty },
        { "multipath through oif vc", "$(seq -f 172.16.2.%g 1 32)", "oif vc" },
        { "multipath from 10.9.0.1 through oif va", "$(seq -f 172.16.3.%g 1 16)", "from 10.9.0.1 oif va" },
        { "local, broadcast, loopback and on-link", "10.9.0.1 10.8.0.1 127.0.0.1 127.3.4.5 10.9.0.255 10.9.0.77 ::1 2001:db8:9::1 2001:db8:9::77 2001:db8:1234::1", string.Empty },
        { "reject routes and no route", "10.67.0.1 10.66.0.1 10.68.0.1 2001:db8:66::1", string.Empty },
        { "a source that is not this host's", "198.51.100.1 172.16.0.9", "from 10.77.0.1" },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void EveryAddressAgreesWithIpRouteGet(string name, string addresses, string options)
    {
        string hostOptions = Options(options);
        string dir = LinuxTestSupport.RunInNetns(Setup + $@"
for a in {addresses}; do echo $a; done > $OUT/addresses
while read a; do
  printf '{{""address"":""%s"",""get"":' $a >> $OUT/ip.jsonl
  (ip -j -d route get $a {options} 2>> $OUT/err-$a || echo '[]') | tr -d '\n' >> $OUT/ip.jsonl
  printf ',""fib"":' >> $OUT/ip.jsonl
  (ip -j route get fibmatch $a {options} 2>/dev/null || echo '[]') | tr -d '\n' >> $OUT/ip.jsonl
  printf ',""error"":""%s""}}\n' ""$(sed 's/RTNETLINK answers: //' $OUT/err-$a | tr -d '\n')"" >> $OUT/ip.jsonl
done < $OUT/addresses
$HOST lookups --addresses $OUT/addresses {hostOptions} > $OUT/core.json
");
        List<JsonElement> oracle = File.ReadAllLines(Path.Combine(dir, "ip.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        List<JsonElement> core = LinuxTestSupport.Json(dir, "core.json").EnumerateArray().ToList();
        Assert.Equal(oracle.Count, core.Count);
        var hops = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int refused = 0;
        for (int i = 0; i < oracle.Count; i++)
        {
            string address = oracle[i].GetProperty("address").GetString()!;
            Assert.Equal(address, core[i].GetProperty("Address").GetString());
            (string key, bool failed) = Compare(address, oracle[i], core[i]);
            hops[key] = hops.GetValueOrDefault(key) + 1;
            refused += failed ? 1 : 0;
        }

        this.output.WriteLine($"{name}: {oracle.Count} addresses agree with ip route get ({refused} refused by the kernel); paths: " + string.Join(", ", hops.Select(kv => $"{kv.Key} ×{kv.Value}")));
        Assert.True(oracle.Count >= 2);
        if (options.Contains("oif", StringComparison.Ordinal))
        {
            string dev = options.Split(' ')[^1];
            Assert.All(hops.Keys, k => Assert.Contains(" dev " + dev, k, StringComparison.Ordinal));
        }
        else if (name.Contains("multipath", StringComparison.Ordinal) || name.Contains("group", StringComparison.Ordinal))
        {
            Assert.True(hops.Count >= 2, $"{name}: the kernel used only {string.Join(", ", hops.Keys)} for {oracle.Count} addresses");
        }
    }

    [Fact]
    public void ThroughRealRulesTheTableMatchesIpAndNamesComeFromRtTables()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
$HOST routes --table all > $OUT/all.json
$HOST routes --table policy --table wide --family IPv4 > $OUT/named.json
$HOST routes --table 0x12c > $OUT/bad.json
ip -4 -j route show table all > $OUT/ip4.json
ip -6 -j route show table all > $OUT/ip6.json
$HOST routes --destination 172.16.0.1 --table policy > $OUT/other-table.json
$HOST routes --destination 198.18.0.1 --table policy > $OUT/same-table.json
$HOST routes --destination 172.16.0.1 --interface vc --interface-index 1 > $OUT/conflict.json 2> $OUT/conflict.err || echo $? > $OUT/conflict.rc
$HOST routes --destination 172.16.0.1 --interface nosuch > $OUT/nosuch.json
");

        // ip prints names from the same rt_tables: every route's key (with TableName) agrees.
        Assert.Equal(LinuxRouteLiveTests.Oracle(dir, "ip4.json", "ip6.json"), LinuxRouteLiveTests.CoreKeys(LinuxTestSupport.Json(dir, "all.json")));
        List<JsonElement> named = LinuxTestSupport.Json(dir, "named.json").GetProperty("Items").EnumerateArray().ToList();
        Assert.Equal(new[] { "192.0.2.0/24 wide 300", "198.18.0.0/15 policy 100", "198.19.128.0/17 policy 100", "198.19.128.0/17 policy 100" }, named.Select(r => $"{LinuxTestSupport.Str(r, "DestinationPrefix")} {LinuxTestSupport.Str(r, "TableName")} {LinuxTestSupport.Num(r, "Table")}").OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(new long?[] { 1, 2 }, named.Where(r => LinuxTestSupport.Str(r, "DestinationPrefix") == "198.19.128.0/17").Select(r => LinuxTestSupport.Num(r, "Weight")).OrderBy(w => w));
        Assert.Contains("'0x12c' is not a routing table", LinuxTestSupport.Json(dir, "bad.json").GetProperty("Warnings")[0].GetString(), StringComparison.Ordinal);

        // -Table filters the one answer; the answer's table is the one the rules chose.
        Assert.Empty(LinuxTestSupport.Json(dir, "other-table.json").GetProperty("Items").EnumerateArray());
        Assert.Equal("policy", LinuxTestSupport.Str(Assert.Single(LinuxTestSupport.Json(dir, "same-table.json").GetProperty("Items").EnumerateArray()), "TableName"));
        Assert.Contains("has index", File.ReadAllText(Path.Combine(dir, "conflict.err")), StringComparison.Ordinal);
        Assert.Equal(new[] { "nosuch" }, LinuxTestSupport.Json(dir, "nosuch.json").GetProperty("UnmatchedNames").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void WithoutNetlinkTheTableAnswersAndAWarningSaysWhatItIgnores()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
$HOST routes --procfs --destination 172.16.0.9 > $OUT/proc.json
$HOST routes --procfs --destination 10.67.0.1 > $OUT/proc-unreachable.json
");
        JsonElement result = LinuxTestSupport.Json(dir, "proc.json");
        JsonElement route = Assert.Single(result.GetProperty("Items").EnumerateArray());
        Assert.Equal(("172.16.0.0/16", "ProcNet"), (LinuxTestSupport.Str(route, "DestinationPrefix"), LinuxTestSupport.Str(route, "Source")));
        Assert.Contains(result.GetProperty("Warnings").EnumerateArray(), w => w.GetString()!.Contains("longest-prefix match", StringComparison.Ordinal) && w.GetString()!.Contains("rtnetlink is not used here", StringComparison.Ordinal));

        // /proc/net/route shows the unreachable route as a reject route (RTF_REJECT) of the main table: answered, not refused.
        JsonElement unreachable = LinuxTestSupport.Json(dir, "proc-unreachable.json");
        Assert.Equal(1, unreachable.GetProperty("Items").GetArrayLength() + unreachable.GetProperty("Failures").GetArrayLength());
    }

    // ip's "from S oif D" as nsps-testhost options.
    private static string Options(string ip)
    {
        string[] words = ip.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<string>();
        for (int i = 0; i + 1 < words.Length; i += 2)
        {
            parts.Add(words[i] == "from" ? "--source " + words[i + 1] : "--interface " + words[i + 1]);
        }

        return string.Join(" ", parts);
    }

    private static (string Key, bool Failed) Compare(string address, JsonElement oracle, JsonElement core)
    {
        JsonElement get = oracle.GetProperty("get");
        List<JsonElement> items = core.GetProperty("Items").EnumerateArray().ToList();
        List<JsonElement> failures = core.GetProperty("Failures").EnumerateArray().ToList();
        if (get.GetArrayLength() == 0)
        {
            // ip: "RTNETLINK answers: No route to host"; the Core's failure names the address and the same strerror text.
            string error = oracle.GetProperty("error").GetString()!;
            Assert.True(items.Count == 0, $"{address}: ip got '{error}', the Core answered {items.Count} route(s)");
            JsonElement f = Assert.Single(failures);
            Assert.Equal(("NoRoute", address), (LinuxTestSupport.Str(f, "ErrorId"), LinuxTestSupport.Str(f, "Target")));
            Assert.Contains(error, LinuxTestSupport.Str(f, "Message"), StringComparison.Ordinal);
            Assert.StartsWith($"No route to {address}", LinuxTestSupport.Str(f, "Message"), StringComparison.Ordinal);
            return ("refused: " + error, true);
        }

        Assert.True(failures.Count == 0, $"{address}: ip answered, the Core failed: {(failures.Count > 0 ? LinuxTestSupport.Str(failures[0], "Message") : null)}");
        JsonElement ip = get[0];
        JsonElement r = Assert.Single(items);
        bool v6 = address.Contains(':', StringComparison.Ordinal);
        string gateway = LinuxTestSupport.Str(ip, "gateway") ?? (ip.TryGetProperty("via", out JsonElement via) ? LinuxTestSupport.Str(via, "host")! : v6 ? "::" : "0.0.0.0");
        string expected = string.Join(" | ", gateway, LinuxTestSupport.Str(ip, "dev"), LinuxTestSupport.Str(ip, "table") ?? "-", LinuxTestSupport.Str(ip, "prefsrc") ?? "-", LinuxTestSupport.Str(ip, "type") ?? "unicast");
        string actual = string.Join(" | ", LinuxTestSupport.Str(r, "NextHop"), LinuxTestSupport.Str(r, "InterfaceName"), LinuxTestSupport.Str(r, "TableName") ?? "-", LinuxTestSupport.Str(r, "InterfaceAddress") ?? "-", LinuxTestSupport.Str(r, "Type")!.ToLowerInvariant());
        Assert.True(expected == actual, $"{address}: ip route get says {expected}, the Core {actual}");
        Assert.Equal("NetlinkRouteGet", LinuxTestSupport.Str(r, "Source"));

        JsonElement fib = oracle.GetProperty("fib");
        if (fib.GetArrayLength() == 1)
        {
            JsonElement entry = fib[0];
            string dst = LinuxTestSupport.Str(entry, "dst")!;
            dst = dst == "default" ? (v6 ? "::/0" : "0.0.0.0/0") : dst.Contains('/', StringComparison.Ordinal) ? dst : dst + (v6 ? "/128" : "/32");
            Assert.True(dst == LinuxTestSupport.Str(r, "DestinationPrefix"), $"{address}: fibmatch {dst}, the Core {LinuxTestSupport.Str(r, "DestinationPrefix")}");
            long? weight = null;
            if (entry.TryGetProperty("nexthops", out JsonElement nexthops))
            {
                weight = nexthops.EnumerateArray().Single(h => (LinuxTestSupport.Str(h, "gateway") ?? gateway) == gateway && LinuxTestSupport.Str(h, "dev") == LinuxTestSupport.Str(r, "InterfaceName")).GetProperty("weight").GetInt64();
            }

            Assert.Equal(weight, LinuxTestSupport.Num(r, "Weight"));
            Assert.Equal(LinuxTestSupport.Num(entry, "nhid"), LinuxTestSupport.Num(r, "NextHopId"));
        }
        else
        {
            // No table entry (ip got an error for fibmatch): the prefix is the address itself.
            Assert.Equal(address + (v6 ? "/128" : "/32"), LinuxTestSupport.Str(r, "DestinationPrefix"));
        }

        long? w = LinuxTestSupport.Num(r, "Weight");
        return ($"{gateway} dev {LinuxTestSupport.Str(r, "InterfaceName")}{(w is null ? string.Empty : " weight " + w.Value.ToString(CultureInfo.InvariantCulture))}", false);
    }
}
