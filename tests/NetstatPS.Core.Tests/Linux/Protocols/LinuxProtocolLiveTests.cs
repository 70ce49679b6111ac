using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Protocols;

/// <summary>Protocol counters of a namespace the test creates, against `nstat -asz` read before and after while traffic flows.</summary>
public class LinuxProtocolLiveTests
{
    private static readonly HashSet<string> Settings = new(StringComparer.Ordinal) { "IpForwarding", "IpDefaultTTL", "TcpRtoAlgorithm", "TcpRtoMin", "TcpRtoMax", "TcpMaxConn", "TcpCurrEstab" };

    [FactNeeding(MachineNeed.NetworkNamespace | MachineNeed.Nstat)]
    public void EveryCounterLiesBetweenTwoNstatReads()
    {
        string dir = LinuxTestSupport.RunInNetns(@"
ip link set lo up
( while true; do echo x > /dev/udp/127.0.0.1/9 2>/dev/null || true; echo x > /dev/udp/::1/9 2>/dev/null || true; done ) &
LOOP=$!
sleep 0.3
nstat -asz --json > $OUT/before.json
$HOST protocols > $OUT/core.json
nstat -asz --json > $OUT/after.json
kill $LOOP
");
        JsonElement before = LinuxTestSupport.Json(dir, "before.json").GetProperty("kernel");
        JsonElement after = LinuxTestSupport.Json(dir, "after.json").GetProperty("kernel");
        var core = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (JsonElement p in LinuxTestSupport.Json(dir, "core.json").GetProperty("Items").EnumerateArray())
        {
            foreach (JsonProperty c in p.GetProperty("Counters").EnumerateObject())
            {
                core.Add(c.Name, c.Value.GetUInt64());
            }
        }

        var nstatKeys = before.EnumerateObject().Select(p => p.Name).Where(k => !Settings.Contains(k)).ToList();
        Assert.Equal(nstatKeys.OrderBy(k => k, StringComparer.Ordinal), core.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (string key in nstatKeys)
        {
            ulong low = before.GetProperty(key).GetUInt64(), high = after.GetProperty(key).GetUInt64();
            Assert.True(low <= core[key] && core[key] <= high, $"{key}: {low} <= {core[key]} <= {high}");
        }

        Assert.True(nstatKeys.Count > 300, $"{nstatKeys.Count} counters");

        // Settings of a fresh namespace: no forwarding (Ip Forwarding 2, ipv6 conf/all/forwarding 0), TTL/hop limit 64.
        JsonElement[] items = LinuxTestSupport.Json(dir, "core.json").GetProperty("Items").EnumerateArray().ToArray();
        Assert.Equal(new[] { "IPv4", "IPv6", "ICMPv4", "ICMPv6", "TCP", "UDPv4", "UDPv6", "UDPLitev4", "UDPLitev6" }, items.Select(i => LinuxTestSupport.Str(i, "Protocol")));
        Assert.All(items.Take(2), i => Assert.Equal((false, 64L), (i.GetProperty("Forwarding").GetBoolean(), LinuxTestSupport.Num(i, "DefaultTtl")!.Value)));
        Assert.Equal(JsonValueKind.Null, items[4].GetProperty("AddressFamily").ValueKind);
        Assert.True(after.GetProperty("UdpNoPorts").GetUInt64() > before.GetProperty("UdpNoPorts").GetUInt64(), "UDP traffic flowed during the test");
    }
}
