using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>
/// The answers capture-route-get.sh recorded: for each case the raw datagram of the plain RTM_GETROUTE
/// answer and of the RTM_F_FIB_MATCH answer, their sequence and port id, and ip route get's JSON of the
/// same lookups in the same namespace.
/// </summary>
internal static class RouteGetFixture
{
    public static readonly string[] Cases =
    {
        "multipath-va", "multipath-vc", "nexthop-group", "policy", "source-rule", "oif", "local", "broadcast", "via-inet6", "unreachable", "ipv6-multipath",
    };

    private static readonly Lazy<List<JsonElement>> Manifest = new(() => Lines("manifest.jsonl"));
    private static readonly Lazy<List<JsonElement>> Oracle = new(() => Lines("ip-route-get.jsonl"));

    public static Dictionary<int, string> Names()
    {
        var links = new List<InterfaceStatistic>();
        LinuxLinkDecoder.Decode(LinuxTestSupport.FixtureBytes("routes", "get", "rtnl-link.bin"), links);
        return links.ToDictionary(l => l.Index, l => l.Name);
    }

    /// <summary>The datagram of one answer (kind answer or fib).</summary>
    public static byte[] Datagram(string name, string kind) => LinuxTestSupport.FixtureBytes("routes", "get", $"{name}-{kind}.bin");

    /// <summary>The answer as the socket's collector takes it from the datagram.</summary>
    public static NetlinkAnswerCollector Collect(string name, string kind)
    {
        JsonElement ids = Manifest.Value.Single(e => e.GetProperty("case").GetString() == name && e.GetProperty("kind").GetString() == kind).GetProperty("ids");
        var collector = new NetlinkAnswerCollector(ids.GetProperty("Sequence").GetUInt32(), ids.GetProperty("PortId").GetUInt32());
        collector.Accept(Datagram(name, kind));
        return collector;
    }

    /// <summary>ip -j -d route get (kind answer) or ip -j route get fibmatch (kind fib); null when ip got an error.</summary>
    public static JsonElement? Ip(string name, string kind)
    {
        JsonElement ip = Oracle.Value.Single(e => e.GetProperty("case").GetString() == name && e.GetProperty("kind").GetString() == kind).GetProperty("ip");
        return ip.GetArrayLength() == 0 ? null : ip[0];
    }

    public static string Address(string name) =>
        Manifest.Value.First(e => e.GetProperty("case").GetString() == name).GetProperty("address").GetString()!;

    private static List<JsonElement> Lines(string file) =>
        File.ReadAllLines(LinuxTestSupport.Fixture("routes", "get", file)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
