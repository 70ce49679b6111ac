using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.NetworkInformation;
using System.Text.Json;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Interfaces;

/// <summary>The RTM_GETLINK and /proc/net/dev decoders on dumps captured in the capture.sh namespace.</summary>
public class LinuxLinkDecoderTests
{
    private const ulong Max = ulong.MaxValue;

    internal static List<InterfaceStatistic> DecodeLinks(string file = "rtnl-link.bin")
    {
        var rows = new List<InterfaceStatistic>();
        LinuxLinkDecoder.Decode(LinuxTestSupport.FixtureBytes("interfaces", file), rows);
        return rows;
    }

    [Fact]
    public void MatchesIproute2sViewOfTheSameNamespace()
    {
        JsonElement ip = JsonDocument.Parse(File.ReadAllText(LinuxTestSupport.Fixture("interfaces", "ip-s-s-link.json"))).RootElement;
        List<InterfaceStatistic> rows = DecodeLinks();
        Assert.Equal(ip.EnumerateArray().Select(e => LinuxTestSupport.Str(e, "ifname")), rows.Select(r => r.Name));
        foreach (JsonElement e in ip.EnumerateArray())
        {
            InterfaceStatistic row = rows.Single(r => r.Name == LinuxTestSupport.Str(e, "ifname"));
            IprouteLinkOracle.AssertSameLink(e, row);
            foreach ((string name, ulong? oracle, ulong? core) in IprouteLinkOracle.Counters(e, row))
            {
                Assert.True(oracle == core, $"{row.Name} {name}: ip says {oracle}, Core {core}");
            }
        }
    }

    [Fact]
    public void DecodesTheVethWithAliasMtuAndMacFieldByField()
    {
        InterfaceStatistic va = Assert.Single(DecodeLinks(), r => r.Name == "va");
        Assert.Equal(3, va.Index);
        Assert.Equal("uplink to lab", va.Description);
        Assert.Equal("Ethernet", va.Type);
        Assert.Equal(OperationalStatus.Up, va.Status);
        Assert.True(va.AdminUp);
        Assert.Equal(1400, va.Mtu);
        Assert.Equal("02-15-5D-01-02-03", va.MacAddress);
        Assert.Null(va.Speed); // not in the dump: the source adds it from sysfs
        Assert.Equal((516UL, 6UL, 680UL, 8UL), (va.BytesReceived!.Value, va.PacketsReceived!.Value, va.BytesSent!.Value, va.PacketsSent!.Value));
        Assert.Null(va.UnicastPacketsReceived);
        Assert.Null(va.UnicastPacketsSent);
        Assert.Null(va.NonUnicastPacketsReceived);
        Assert.Null(va.NonUnicastPacketsSent);
        Assert.Null(va.MulticastPacketsSent);
        Assert.Null(va.BroadcastPacketsReceived);
        Assert.Null(va.BroadcastPacketsSent);
        Assert.Equal("NetlinkRoute", va.Source);
    }

    [Fact]
    public void LinksWithoutAHardwareAddressHaveANullMac()
    {
        List<InterfaceStatistic> rows = DecodeLinks();
        InterfaceStatistic tun = Assert.Single(rows, r => r.Name == "tun0");
        Assert.Equal((4, "None", (string?)null, OperationalStatus.Down, (bool?)false), (tun.Index, tun.Type!, tun.MacAddress, tun.Status, tun.AdminUp));
        InterfaceStatistic lo = Assert.Single(rows, r => r.Name == "lo");
        Assert.Equal((1, "Loopback", (string?)null, OperationalStatus.Unknown, 65536), (lo.Index, lo.Type!, lo.MacAddress, lo.Status, lo.Mtu!.Value));
    }

    [Fact]
    public void DecodesCountersNearTwoToTheSixtyFourExactly()
    {
        // rtnl-link-near-2pow64.bin: va's IFLA_STATS64 field i was set to 2^64-1-i (tests/fixtures/linux/README.md).
        InterfaceStatistic va = Assert.Single(DecodeLinks("rtnl-link-near-2pow64.bin"), r => r.Name == "va");
        Assert.Equal(Max - 0, va.PacketsReceived);
        Assert.Equal(Max - 1, va.PacketsSent);
        Assert.Equal(Max - 2, va.BytesReceived);
        Assert.Equal(Max - 3, va.BytesSent);
        Assert.Equal(Max - 4, va.ErrorsReceived);
        Assert.Equal(Max - 5, va.ErrorsSent);
        Assert.Equal(Max - 7, va.DiscardsSent);
        Assert.Equal(Max - 8, va.MulticastPacketsReceived);
        Assert.Equal(Max - 9, va.Collisions);
        Assert.Equal(Max - 14, va.OverrunsReceived);
        Assert.Equal(Max - 18, va.OverrunsSent);
        Assert.Equal(Max - 23, va.UnknownProtocolsReceived);

        // RX-DRP is rx_dropped + rx_missed_errors, a u64 sum that wraps exactly as the kernel's /proc/net/dev does.
        Assert.Equal(unchecked((Max - 6) + (Max - 15)), va.DiscardsReceived);
        var expectedDetails = new (string, ulong)[]
        {
            ("rx_dropped", Max - 6), ("rx_length_errors", Max - 10), ("rx_over_errors", Max - 11), ("rx_crc_errors", Max - 12),
            ("rx_frame_errors", Max - 13), ("rx_missed_errors", Max - 15), ("tx_aborted_errors", Max - 16), ("tx_carrier_errors", Max - 17),
            ("tx_heartbeat_errors", Max - 19), ("tx_window_errors", Max - 20), ("rx_compressed", Max - 21), ("tx_compressed", Max - 22),
            ("rx_otherhost_dropped", Max - 24),
        };
        Assert.Equal(expectedDetails, va.Details.Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (ulong)e.Value!)).ToArray());
    }

    [Fact]
    public void ProcNetDevGivesTheSameCountersAsTheDump()
    {
        var proc = new List<InterfaceStatistic>();
        LinuxProcNetDevDecoder.Decode(LinuxTestSupport.FixtureBytes("interfaces", "proc-net-dev"), proc);
        List<InterfaceStatistic> netlink = DecodeLinks();
        Assert.Equal(netlink.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal), proc.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (InterfaceStatistic p in proc)
        {
            InterfaceStatistic n = netlink.Single(r => r.Name == p.Name);
            Assert.Equal(Typed(n), Typed(p));
            Assert.Equal("ProcNet", p.Source);
        }
    }

    [Fact]
    public void ProcNetDevDecodesCountersNearTwoToTheSixtyFourByColumnName()
    {
        // proc-net-dev-near-2pow64: va's column i was set to 2^64-1-i.
        var proc = new List<InterfaceStatistic>();
        LinuxProcNetDevDecoder.Decode(LinuxTestSupport.FixtureBytes("interfaces", "proc-net-dev-near-2pow64"), proc);
        InterfaceStatistic va = Assert.Single(proc, r => r.Name == "va");
        Assert.Equal(
            new ulong?[] { Max, Max - 1, Max - 2, Max - 3, Max - 4, Max - 7, Max - 8, Max - 9, Max - 10, Max - 11, Max - 12, Max - 13 },
            new[] { va.BytesReceived, va.PacketsReceived, va.ErrorsReceived, va.DiscardsReceived, va.OverrunsReceived, va.MulticastPacketsReceived, va.BytesSent, va.PacketsSent, va.ErrorsSent, va.DiscardsSent, va.OverrunsSent, va.Collisions });
        Assert.Equal(
            new (string, ulong)[] { ("rx_frame", Max - 5), ("rx_compressed", Max - 6), ("tx_carrier", Max - 14), ("tx_compressed", Max - 15) },
            va.Details.Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (ulong)e.Value!)).ToArray());
        Assert.Null(va.UnknownProtocolsReceived);
    }

    [Fact]
    public void FallbackSourceReadsSysfsLikeTheDump()
    {
        // /proc/net/dev + the captured /sys/class/net copy, indexes from the captured ifindex files.
        string dir = Path.Combine(Path.GetTempPath(), "nsps-procdev-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.Copy(LinuxTestSupport.Fixture("interfaces", "proc-net-dev"), Path.Combine(dir, "dev"));
        string sys = LinuxTestSupport.Fixture("interfaces", "sys-class-net");
        var source = new LinuxInterfaceStatisticSource(dir, sys, forceFallback: true, name => int.Parse(File.ReadAllText(Path.Combine(sys, name, "ifindex")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        var rows = new List<InterfaceStatistic>();
        var warnings = new WarningCollector();
        source.Read(rows, warnings);
        Assert.Empty(warnings.Items);
        List<InterfaceStatistic> netlink = DecodeLinks();
        Assert.Equal(netlink.Select(r => r.Index), rows.Select(r => r.Index));
        foreach (InterfaceStatistic row in rows)
        {
            InterfaceStatistic n = netlink.Single(r => r.Name == row.Name);
            Assert.Equal((n.Index, n.Mtu, n.MacAddress, n.Status, n.AdminUp, n.Type, n.Description), (row.Index, row.Mtu, row.MacAddress, row.Status, row.AdminUp, row.Type, row.Description));
            Assert.Equal(Typed(n), Typed(row));
        }

        // veth reports 10000 Mb/s; down links and lo have no speed.
        Assert.Equal(10_000_000_000L, rows.Single(r => r.Name == "va").Speed);
        Assert.Null(rows.Single(r => r.Name == "lo").Speed);
        Assert.Null(rows.Single(r => r.Name == "tun0").Speed);
    }

    [Fact]
    public void FallbackIgnoresASysfsOfAnotherNamespace()
    {
        // The captured sysfs lists va, vb, tun0, br0, lo; a /proc/net/dev listing other links must not borrow from it.
        string dir = Path.Combine(Path.GetTempPath(), "nsps-procdev-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "dev"), File.ReadAllText(LinuxTestSupport.Fixture("interfaces", "proc-net-dev")).Replace("  br0:", " eth9:", StringComparison.Ordinal));
        var source = new LinuxInterfaceStatisticSource(dir, LinuxTestSupport.Fixture("interfaces", "sys-class-net"), forceFallback: true, _ => 7);
        var rows = new List<InterfaceStatistic>();
        source.Read(rows, new WarningCollector());
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(((int?)null, (string?)null, (long?)null, (string?)null), (r.Mtu, r.MacAddress, r.Speed, r.Type)));
    }

    [Fact]
    public void LinkAndDevDecodersOnlyThrowTheirDecodeError()
    {
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("interfaces", "rtnl-link.bin"), b => LinuxLinkDecoder.Decode(b, new List<InterfaceStatistic>()), 81);
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("interfaces", "proc-net-dev"), b => LinuxProcNetDevDecoder.Decode(b, new List<InterfaceStatistic>()), 82);
    }

    private static string Typed(InterfaceStatistic r) => string.Join(
        ",", r.BytesReceived, r.PacketsReceived, r.ErrorsReceived, r.DiscardsReceived, r.OverrunsReceived, r.MulticastPacketsReceived,
        r.BytesSent, r.PacketsSent, r.ErrorsSent, r.DiscardsSent, r.OverrunsSent, r.Collisions);
}
