using System;
using System.Linq;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Interfaces;

/// <summary>
/// The interface source against the real kernel inside a namespace each test creates, with
/// `ip -j -s -s link` as the oracle read before and after the Core, while loopback traffic flows.
/// </summary>
public class LinuxInterfaceLiveTests
{
    // A veth pair with a static neighbour (so datagrams really leave va), a tun device without a hardware
    // address, a bridge, and a background loop of loopback datagrams (stopped by its pid at the end).
    private const string Setup = @"
ip link set lo up
ip link add va type veth peer name vb
ip link set va address 02:15:5d:0a:0b:0c mtu 1400 alias 'uplink to lab'
ip link set va up
ip link set vb up
ip addr add 10.9.0.1/24 dev va
ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev va
ip tuntap add mode tun name tun0 2>/dev/null || true # needs /dev/net/tun; the oracle compares whatever links exist
ip link add br0 type bridge
for i in $(seq 40); do echo x > /dev/udp/10.9.0.2/9; done
( while true; do echo x > /dev/udp/127.0.0.1/9 2>/dev/null || true; done ) &
LOOP=$!
sleep 0.3
";

    private const string Teardown = @"
kill $LOOP
";

    [FactNeeding(MachineNeed.NetworkNamespace)]
    public void CountersLieBetweenTwoIproute2ReadsAndTheRestMatches()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
ip -j -s -s link > $OUT/before.json
$HOST interfaces > $OUT/core.json
ip -j -s -s link > $OUT/after.json
" + Teardown);
        AssertBetween(dir, "core.json", "NetlinkRoute");
        JsonElement core = LinuxTestSupport.Json(dir, "core.json").GetProperty("Items");
        JsonElement va = core.EnumerateArray().Single(e => LinuxTestSupport.Str(e, "Name") == "va");
        Assert.Equal(10_000_000_000L, LinuxTestSupport.Num(va, "Speed")); // veth's sysfs speed, sysfs remounted in the namespace
        Assert.True(LinuxTestSupport.UNum(va, "PacketsSent") >= 40);
    }

    [FactNeeding(MachineNeed.NetworkNamespace)]
    public void TheProcFallbackLiesBetweenTheSameReads()
    {
        string dir = LinuxTestSupport.RunInNetns(Setup + @"
ip -j -s -s link > $OUT/before.json
$HOST interfaces --procfs > $OUT/core.json
ip -j -s -s link > $OUT/after.json
" + Teardown);
        AssertBetween(dir, "core.json", "ProcNet");
    }

    [FactNeeding(MachineNeed.NetworkNamespace)]
    public void ASysfsOfAnotherNamespaceLendsNoValues()
    {
        // Without remounting, /sys/class/net still lists the host's links: neither speed (netlink) nor
        // MTU/MAC/status (fallback) may come from it.
        string dir = LinuxTestSupport.RunInNetns(
            Setup + @"
$HOST interfaces > $OUT/netlink.json
$HOST interfaces --procfs > $OUT/procfs.json
" + Teardown,
            remountSysfs: false);
        JsonElement netlink = LinuxTestSupport.Json(dir, "netlink.json").GetProperty("Items");
        Assert.All(netlink.EnumerateArray(), e => Assert.Null(LinuxTestSupport.Num(e, "Speed")));
        Assert.Equal(1400, LinuxTestSupport.Num(netlink.EnumerateArray().Single(e => LinuxTestSupport.Str(e, "Name") == "va"), "Mtu"));
        JsonElement procfs = LinuxTestSupport.Json(dir, "procfs.json").GetProperty("Items");
        Assert.Equal(netlink.EnumerateArray().Select(e => LinuxTestSupport.Str(e, "Name")!).OrderBy(n => n, StringComparer.Ordinal), procfs.EnumerateArray().Select(e => LinuxTestSupport.Str(e, "Name")!).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains(netlink.EnumerateArray(), e => LinuxTestSupport.Str(e, "Name") == "br0");
        Assert.All(procfs.EnumerateArray(), e => Assert.Equal(((long?)null, (string?)null), (LinuxTestSupport.Num(e, "Mtu"), LinuxTestSupport.Str(e, "MacAddress"))));
        // Indexes come from if_nametoindex, which asks the namespace itself.
        Assert.Equal(
            netlink.EnumerateArray().Select(e => (LinuxTestSupport.Str(e, "Name"), LinuxTestSupport.Num(e, "Index"))).OrderBy(x => x.Item1, StringComparer.Ordinal),
            procfs.EnumerateArray().Select(e => (LinuxTestSupport.Str(e, "Name"), LinuxTestSupport.Num(e, "Index"))).OrderBy(x => x.Item1, StringComparer.Ordinal));
    }

    private static void AssertBetween(string dir, string coreFile, string source)
    {
        JsonElement before = LinuxTestSupport.Json(dir, "before.json");
        JsonElement after = LinuxTestSupport.Json(dir, "after.json");
        JsonElement core = LinuxTestSupport.Json(dir, coreFile).GetProperty("Items");
        Assert.Equal(before.EnumerateArray().Select(e => LinuxTestSupport.Num(e, "ifindex")), core.EnumerateArray().Select(e => LinuxTestSupport.Num(e, "Index")));
        int compared = 0;
        foreach (JsonElement c in core.EnumerateArray())
        {
            string name = LinuxTestSupport.Str(c, "Name")!;
            InterfaceStatistic row = JsonSerializer.Deserialize<InterfaceStatisticView>(c.GetRawText())!.ToModel();
            JsonElement b = before.EnumerateArray().Single(e => LinuxTestSupport.Str(e, "ifname") == name);
            JsonElement a = after.EnumerateArray().Single(e => LinuxTestSupport.Str(e, "ifname") == name);
            IprouteLinkOracle.AssertSameLink(b, row);
            Assert.Equal(source, LinuxTestSupport.Str(c, "Source"));
            var low = IprouteLinkOracle.Counters(b, row).ToList();
            var high = IprouteLinkOracle.Counters(a, row).ToList();
            for (int i = 0; i < low.Count; i++)
            {
                if (source == "ProcNet" && low[i].Core is null)
                {
                    continue; // /proc/net/dev has no per-kind error counters (they are summed in its frame/carrier columns)
                }

                Assert.True(low[i].Oracle <= low[i].Core && low[i].Core <= high[i].Oracle, $"{name} {low[i].Name}: {low[i].Oracle} <= {low[i].Core} <= {high[i].Oracle}");
                compared++;
            }
        }

        JsonElement lo0 = before.EnumerateArray().Single(e => LinuxTestSupport.Str(e, "ifname") == "lo");
        JsonElement lo1 = after.EnumerateArray().Single(e => LinuxTestSupport.Str(e, "ifname") == "lo");
        Assert.True(lo1.GetProperty("stats64").GetProperty("rx").GetProperty("packets").GetUInt64() > lo0.GetProperty("stats64").GetProperty("rx").GetProperty("packets").GetUInt64(), "loopback traffic flowed during the test");
        Assert.True(compared >= 60, $"{compared} counters compared");
    }

    // The JSON nsps-testhost prints, read back into the fields the oracle compares.
    private sealed class InterfaceStatisticView
    {
        public string Name { get; set; } = string.Empty;

        public int Index { get; set; }

        public string? Description { get; set; }

        public string? Type { get; set; }

        public string Status { get; set; } = string.Empty;

        public bool? AdminUp { get; set; }

        public int? Mtu { get; set; }

        public string? MacAddress { get; set; }

        public ulong? BytesReceived { get; set; }

        public ulong? BytesSent { get; set; }

        public ulong? PacketsReceived { get; set; }

        public ulong? PacketsSent { get; set; }

        public ulong? MulticastPacketsReceived { get; set; }

        public ulong? DiscardsReceived { get; set; }

        public ulong? DiscardsSent { get; set; }

        public ulong? ErrorsReceived { get; set; }

        public ulong? ErrorsSent { get; set; }

        public ulong? UnknownProtocolsReceived { get; set; }

        public ulong? OverrunsReceived { get; set; }

        public ulong? OverrunsSent { get; set; }

        public ulong? Collisions { get; set; }

        public System.Collections.Generic.Dictionary<string, ulong> Details { get; set; } = new();

        public InterfaceStatistic ToModel()
        {
            var row = new InterfaceStatistic
            {
                Name = this.Name,
                Index = this.Index,
                Description = this.Description,
                Type = this.Type,
                Status = Enum.Parse<System.Net.NetworkInformation.OperationalStatus>(this.Status),
                AdminUp = this.AdminUp,
                Mtu = this.Mtu,
                MacAddress = this.MacAddress,
                BytesReceived = this.BytesReceived,
                BytesSent = this.BytesSent,
                PacketsReceived = this.PacketsReceived,
                PacketsSent = this.PacketsSent,
                MulticastPacketsReceived = this.MulticastPacketsReceived,
                DiscardsReceived = this.DiscardsReceived,
                DiscardsSent = this.DiscardsSent,
                ErrorsReceived = this.ErrorsReceived,
                ErrorsSent = this.ErrorsSent,
                UnknownProtocolsReceived = this.UnknownProtocolsReceived,
                OverrunsReceived = this.OverrunsReceived,
                OverrunsSent = this.OverrunsSent,
                Collisions = this.Collisions,
            };
            foreach (var d in this.Details)
            {
                row.Details[d.Key] = d.Value;
            }

            return row;
        }
    }
}
