using System;
using System.Linq;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Sampling;

/// <summary>CounterDelta on real samples taken by nsps-testhost inside a namespace, with traffic or a re-created interface in between.</summary>
public class LinuxCounterDeltaLiveTests
{
    [FactNeeding(MachineNeed.NetworkNamespace)]
    public void LoopbackTrafficBetweenSamplesGivesPositiveDeltasAndRates()
    {
        string dir = LinuxTestSupport.RunInNetns(@"
ip link set lo up
$HOST interfaces --name lo --samples 2 --between 'for i in $(seq 50); do echo x > /dev/udp/127.0.0.1/9; done' > $OUT/interfaces.json
$HOST protocols --samples 2 --between 'for i in $(seq 50); do echo x > /dev/udp/127.0.0.1/9; done' > $OUT/protocols.json
");
        JsonElement result = LinuxTestSupport.Json(dir, "interfaces.json");
        JsonElement lo = Assert.Single(result.GetProperty("Items").EnumerateArray());
        JsonElement first = Assert.Single(result.GetProperty("First").EnumerateArray());
        ulong packets = lo.GetProperty("Delta").GetProperty("PacketsReceived").GetUInt64();
        Assert.Equal(lo.GetProperty("PacketsReceived").GetUInt64() - first.GetProperty("PacketsReceived").GetUInt64(), packets);
        Assert.True(packets >= 100, $"{packets} packets: 50 datagrams and 50 ICMP errors"); // each datagram and its port-unreachable
        Assert.True(lo.GetProperty("Delta").GetProperty("BytesSent").GetUInt64() > 0);
        double seconds = lo.GetProperty("IntervalSeconds").GetDouble();
        Assert.True(seconds > 0);
        Assert.Equal(packets / seconds, lo.GetProperty("PacketsReceivedPerSecond").GetDouble(), 6);
        Assert.True(lo.GetProperty("BytesReceivedPerSecond").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("Delta").ValueKind);

        JsonElement protocols = LinuxTestSupport.Json(dir, "protocols.json");
        JsonElement udp = protocols.GetProperty("Items").EnumerateArray().Single(p => LinuxTestSupport.Str(p, "Protocol") == "UDPv4");
        Assert.Equal(50UL, udp.GetProperty("Delta").GetProperty("NoPorts").GetUInt64());
        Assert.Equal(50UL, udp.GetProperty("Delta").GetProperty("UdpNoPorts").GetUInt64());
        Assert.True(udp.GetProperty("PerSecond").GetProperty("NoPorts").GetDouble() > 0);
        JsonElement tcp = protocols.GetProperty("Items").EnumerateArray().Single(p => LinuxTestSupport.Str(p, "Protocol") == "TCP");
        Assert.Equal(0UL, tcp.GetProperty("Delta").GetProperty("ActiveOpens").GetUInt64());
        Assert.False(tcp.GetProperty("Delta").TryGetProperty("CurrentConnections", out _)); // a gauge, not differenced
    }

    [FactNeeding(MachineNeed.NetworkNamespace)]
    public void AnInterfaceReCreatedBetweenSamplesGivesNullDeltasNotHugeNumbers()
    {
        // Same name and same index (ip link add … index 40), fresh counters: the second sample's counters
        // are lower than the first's.
        string dir = LinuxTestSupport.RunInNetns(@"
ip link set lo up
ip link add va index 40 type veth peer name vb index 41
ip link set va up
ip link set vb up
ip addr add 10.9.0.1/24 dev va
ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev va
for i in $(seq 200); do echo x > /dev/udp/10.9.0.2/9; done
$HOST interfaces --name va --samples 2 --between 'ip link del va; ip link add va index 40 type veth peer name vb index 41; ip link set va up; ip link set vb up' > $OUT/recreated.json
");
        JsonElement result = LinuxTestSupport.Json(dir, "recreated.json");
        JsonElement va = Assert.Single(result.GetProperty("Items").EnumerateArray());
        JsonElement first = Assert.Single(result.GetProperty("First").EnumerateArray());
        Assert.Equal(40, LinuxTestSupport.Num(va, "Index"));
        Assert.True(first.GetProperty("PacketsSent").GetUInt64() >= 200);
        Assert.True(va.GetProperty("PacketsSent").GetUInt64() < 200);
        JsonElement delta = va.GetProperty("Delta");
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("PacketsSent").ValueKind);
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("BytesSent").ValueKind);
        Assert.Equal(JsonValueKind.Null, va.GetProperty("PerSecond").GetProperty("BytesSent").ValueKind);
        Assert.Equal(JsonValueKind.Null, va.GetProperty("BytesSentPerSecond").ValueKind);
        foreach (JsonProperty d in delta.EnumerateObject())
        {
            Assert.True(d.Value.ValueKind == JsonValueKind.Null || d.Value.GetUInt64() < 1_000_000, $"{d.Name} = {d.Value}");
        }
    }
}
