using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// /proc/net/igmp and /proc/net/igmp6 on the files capture.sh copied in a namespace with IPv4 and IPv6
/// joins (tests/fixtures/linux/multicast), against `ip -j maddr` taken at the same moment.
/// </summary>
public class LinuxMulticastDecoderTests
{
    internal static string Directory => LinuxTestSupport.Fixture("multicast");

    private static List<MulticastMembership> FromFixtures()
    {
        var rows = new List<MulticastMembership>();
        new LinuxMulticastSource(Directory).Read(rows, new WarningCollector());
        return rows;
    }

    /// <summary>ip -j maddr's inet and inet6 entries in its order: (ifindex, ifname, family, address, users; 1 when ip omits it).</summary>
    internal static List<(int Index, string Name, string Family, string Address, int Users)> IpMaddr(JsonElement json)
    {
        var entries = new List<(int, string, string, string, int)>();
        foreach (JsonElement link in json.EnumerateArray())
        {
            foreach (JsonElement m in link.GetProperty("maddr").EnumerateArray())
            {
                if (!m.TryGetProperty("family", out JsonElement family))
                {
                    continue; // link-layer (dev_mcast) entries: not IP group memberships
                }

                entries.Add((
                    link.GetProperty("ifindex").GetInt32(),
                    link.GetProperty("ifname").GetString()!,
                    family.GetString() == "inet" ? "IPv4" : "IPv6",
                    m.GetProperty("address").GetString()!,
                    m.TryGetProperty("users", out JsonElement users) ? users.GetInt32() : 1));
            }
        }

        return entries;
    }

    [Fact]
    public void EveryMembershipIsWhatIpMaddrShowedInItsOrder()
    {
        var expected = IpMaddr(JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "ip-maddr.json"))).RootElement);
        var actual = FromFixtures().Select(m => (m.InterfaceIndex, m.InterfaceName, m.AddressFamily.ToString(), m.Address, m.ReferenceCount!.Value)).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(25, actual.Count);
        Assert.All(FromFixtures(), m => Assert.Equal("ProcNet", m.Source));
    }

    [Fact]
    public void JoinCountsVersionsTimersAndReporterAreRead()
    {
        List<MulticastMembership> rows = FromFixtures();

        // Joined twice by the capture's child on va, once each elsewhere.
        MulticastMembership twice = Assert.Single(rows, m => m.Address == "239.1.2.3");
        Assert.Equal(("va", 3, 2, 3), (twice.InterfaceName, twice.InterfaceIndex, twice.ReferenceCount!.Value, twice.IgmpVersion!.Value));
        Assert.Null(twice.ReportTimerExpiresIn);
        Assert.False(twice.IsLastReporter);
        Assert.Equal(2, Assert.Single(rows, m => m.Address == "ff15::1234").ReferenceCount);

        // vb forced to IGMPv2: its fresh join still had the report timer running (1:000003B1 = 945 ticks)
        // and this host was the last reporter.
        MulticastMembership v2 = Assert.Single(rows, m => m.Address == "224.0.0.251");
        Assert.Equal(2, v2.IgmpVersion);
        Assert.Equal(TimeSpan.FromMilliseconds(9450), v2.ReportTimerExpiresIn);
        Assert.True(v2.IsLastReporter);

        // A 15-character name fills %-10s and touches the ':'.
        Assert.Equal(6, rows.Count(m => m.InterfaceName == "nsps-long-name0"));
        Assert.All(rows.Where(m => m.AddressFamily == IPAddressFamily.IPv6), m => Assert.Null(m.IgmpVersion));
    }

    [Fact]
    public void Igmp6FlagsGiveTheTimerAndTheLastReporter()
    {
        var rows = new List<MulticastMembership>();
        LinuxIgmp6Decoder.Decode(Encoding.ASCII.GetBytes(
            "3    va              ff150000000000000000000000001234     1 00000007 250\n" +
            "3    va              ff020000000000000000000000000001     1 0000000D -3\n" +
            "3    va              ff020000000000000000000000000002     4 00000004 0\n"), rows);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), rows[0].ReportTimerExpiresIn);
        Assert.True(rows[0].IsLastReporter);
        Assert.Equal(TimeSpan.Zero, rows[1].ReportTimerExpiresIn); // fired, still flagged: due now
        Assert.False(rows[1].IsLastReporter);
        Assert.Null(rows[2].ReportTimerExpiresIn);
        Assert.Equal(4, rows[2].ReferenceCount);
        Assert.Equal("ff02::2", rows[2].Address);
    }

    [Theory]
    [InlineData("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n\t\t\t\t010000E0     1 0:00000000\t\t0\n")]
    [InlineData("1\tlo        :     1      V4\n")]
    [InlineData("1\tlo             1      V3\n")]
    [InlineData("1\tlo        :     1      V3\n\t\t\t\t10000E0     1 0:00000000\t\t0\n")]
    [InlineData("1\tlo        :     1      V3\n\t\t\t\t010000E0     1 00000000\t\t0\n")]
    [InlineData("1\tlo        :     1      V3\n\t\t\t\t010000E0     1\n")]
    [InlineData("x\tlo        :     1      V3\n")]
    public void MalformedIgmpIsADecodeError(string text) =>
        Assert.Throws<NetstatDecodeException>(() => LinuxIgmpDecoder.Decode(Encoding.ASCII.GetBytes(text), new List<MulticastMembership>()));

    [Theory]
    [InlineData("1    lo              ff02000000000000000000000000001     1 0000000C 0\n")]
    [InlineData("1    lo              ff020000000000000000000000000001     1 0000000C\n")]
    [InlineData("1    lo              ff020000000000000000000000000001     x 0000000C 0\n")]
    [InlineData("1    lo              ff02000000000000000000000000000g     1 0000000C 0\n")]
    public void MalformedIgmp6IsADecodeError(string text) =>
        Assert.Throws<NetstatDecodeException>(() => LinuxIgmp6Decoder.Decode(Encoding.ASCII.GetBytes(text), new List<MulticastMembership>()));

    [Fact]
    public void MissingFilesMeanNoMemberships()
    {
        var rows = new List<MulticastMembership>();
        var warnings = new WarningCollector();
        new LinuxMulticastSource(Path.Combine(Path.GetTempPath(), "nsps-no-such-" + Guid.NewGuid().ToString("N"))).Read(rows, warnings);
        Assert.Empty(rows);
        Assert.Empty(warnings.Items);
    }
}
