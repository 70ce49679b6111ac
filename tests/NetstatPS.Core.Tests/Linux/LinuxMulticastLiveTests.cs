using NetstatPS.Core.Tests.TestLayers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// Multicast memberships live, in a network namespace of the test's own: a child (nsps-testhost join)
/// joins IPv4 and IPv6 groups on a veth there (some twice), and the Core's rows are compared with
/// `ip -j maddr` (the oracle) taken before and after, then again once the child has left the groups.
/// The joins' IGMP/MLD reports go out of the namespace's veth only.
/// </summary>
[Collection("LinuxLive")]
public class LinuxMulticastLiveTests
{
    private readonly ITestOutputHelper output;

    public LinuxMulticastLiveTests(ITestOutputHelper output) => this.output = output;

    private static List<(int, string, string, string, int)> Core(JsonElement e) =>
        e.GetProperty("Rows").EnumerateArray()
            .Select(r => (r.GetProperty("InterfaceIndex").GetInt32(), r.GetProperty("InterfaceName").GetString()!, r.GetProperty("AddressFamily").GetString()!, r.GetProperty("Address").GetString()!, r.GetProperty("ReferenceCount").GetInt32()))
            .ToList();

    [FactNeeding(MachineNeed.Ip | MachineNeed.Unshare | MachineNeed.Root)]
    public void JoinedGroupsAreExactlyWhatIpMaddrShowsAndGoAwayWhenLeft()
    {
        string dir = LinuxTestSupport.RunInNetns("""
            ip link set lo up
            ip link add mca type veth peer name mcb
            ip link set mca up
            ip link set mcb up
            ip addr add 10.77.1.1/24 dev mca
            ip -6 addr add fd00:77::1/64 dev mca nodad
            sleep 0.5
            mkfifo "$OUT/in"
            "$HOST" join 239.1.2.3@mca 239.1.2.3@mca 239.4.5.6@mcb ff15::1234@mca ff15::1234@mca ff15::1234@mca ff05::99@mcb < "$OUT/in" > "$OUT/join.json" &
            exec 3> "$OUT/in"
            for i in $(seq 100); do [ -s "$OUT/join.json" ] && break; sleep 0.1; done
            ip -j maddr show > "$OUT/ip-before.json"
            "$HOST" multicast > "$OUT/core.json"
            "$HOST" multicast --name mcb --name nosuch0 > "$OUT/core-mcb.json"
            ip -j maddr show > "$OUT/ip-after.json"
            exec 3>&-
            wait
            ip -j maddr show > "$OUT/ip-left.json"
            "$HOST" multicast > "$OUT/core-left.json"
            """);

        var before = LinuxMulticastDecoderTests.IpMaddr(LinuxTestSupport.Json(dir, "ip-before.json"));
        var after = LinuxMulticastDecoderTests.IpMaddr(LinuxTestSupport.Json(dir, "ip-after.json"));
        JsonElement core = LinuxTestSupport.Json(dir, "core.json");
        Assert.Equal(before, after);
        Assert.Equal(before, Core(core));
        Assert.Empty(core.GetProperty("Warnings").EnumerateArray());
        this.output.WriteLine($"ip -j maddr and NetstatPS agree on {before.Count} memberships while joined");

        // The child's joins, counted by the kernel: 2 and 3 on mca, 1 each on mcb.
        Assert.Contains(before, m => m.Item2 == "mca" && m.Item4 == "239.1.2.3" && m.Item5 == 2);
        Assert.Contains(before, m => m.Item2 == "mca" && m.Item4 == "ff15::1234" && m.Item5 == 3);
        Assert.Contains(before, m => m.Item2 == "mcb" && m.Item4 == "239.4.5.6" && m.Item5 == 1);
        Assert.Contains(before, m => m.Item2 == "mcb" && m.Item4 == "ff05::99" && m.Item5 == 1);

        // -Name: only mcb's rows; a name no interface has is reported back.
        JsonElement mcb = LinuxTestSupport.Json(dir, "core-mcb.json");
        Assert.Equal(before.Where(m => m.Item2 == "mcb").ToList(), Core(mcb));
        Assert.Equal(new[] { "nosuch0" }, mcb.GetProperty("UnmatchedNames").EnumerateArray().Select(n => n.GetString()));

        // Left: the groups are gone for both, and the rest is unchanged.
        var left = LinuxMulticastDecoderTests.IpMaddr(LinuxTestSupport.Json(dir, "ip-left.json"));
        Assert.Equal(left, Core(LinuxTestSupport.Json(dir, "core-left.json")));
        Assert.DoesNotContain(left, m => m.Item4 is "239.1.2.3" or "ff15::1234" or "239.4.5.6" or "ff05::99");
        this.output.WriteLine($"and on {left.Count} after the child left its groups");
    }
}
