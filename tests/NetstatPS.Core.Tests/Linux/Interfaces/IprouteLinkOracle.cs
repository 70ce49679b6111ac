using System;
using System.Collections.Generic;
using System.Net.NetworkInformation;
using System.Text.Json;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Interfaces;

/// <summary>Compares InterfaceStatistic objects with `ip -j -s -s link` entries.</summary>
internal static class IprouteLinkOracle
{
    /// <summary>The counters ip -s -s prints, with the InterfaceStatistic value each corresponds to.</summary>
    public static IEnumerable<(string Name, ulong? Oracle, ulong? Core)> Counters(JsonElement ip, InterfaceStatistic row)
    {
        JsonElement rx = ip.GetProperty("stats64").GetProperty("rx");
        JsonElement tx = ip.GetProperty("stats64").GetProperty("tx");
        ulong? R(string n) => LinuxTestSupport.UNum(rx, n);
        ulong? T(string n) => LinuxTestSupport.UNum(tx, n);
        ulong? D(string n) => row.Details[n] as ulong?;
        yield return ("rx.bytes", R("bytes"), row.BytesReceived);
        yield return ("rx.packets", R("packets"), row.PacketsReceived);
        yield return ("rx.errors", R("errors"), row.ErrorsReceived);
        yield return ("rx.dropped+missed", R("dropped") + R("missed_errors"), row.DiscardsReceived);
        yield return ("rx.dropped", R("dropped"), D("rx_dropped"));
        yield return ("rx.missed_errors", R("missed_errors"), D("rx_missed_errors"));
        yield return ("rx.over_errors", R("over_errors"), D("rx_over_errors"));
        yield return ("rx.multicast", R("multicast"), row.MulticastPacketsReceived);
        yield return ("rx.length_errors", R("length_errors"), D("rx_length_errors"));
        yield return ("rx.crc_errors", R("crc_errors"), D("rx_crc_errors"));
        yield return ("rx.frame_errors", R("frame_errors"), D("rx_frame_errors"));
        yield return ("rx.fifo_errors", R("fifo_errors"), row.OverrunsReceived);
        yield return ("tx.bytes", T("bytes"), row.BytesSent);
        yield return ("tx.packets", T("packets"), row.PacketsSent);
        yield return ("tx.errors", T("errors"), row.ErrorsSent);
        yield return ("tx.dropped", T("dropped"), row.DiscardsSent);
        yield return ("tx.carrier_errors", T("carrier_errors"), D("tx_carrier_errors"));
        yield return ("tx.collisions", T("collisions"), row.Collisions);
        yield return ("tx.aborted_errors", T("aborted_errors"), D("tx_aborted_errors"));
        yield return ("tx.fifo_errors", T("fifo_errors"), row.OverrunsSent);
        yield return ("tx.window_errors", T("window_errors"), D("tx_window_errors"));
        yield return ("tx.heartbeat_errors", T("heartbeat_errors"), D("tx_heartbeat_errors"));
        if (LinuxTestSupport.UNum(rx, "nohandler") is ulong nohandler)
        {
            yield return ("rx.nohandler", nohandler, row.UnknownProtocolsReceived);
        }
    }

    /// <summary>Asserts the non-counter fields equal ip's.</summary>
    public static void AssertSameLink(JsonElement ip, InterfaceStatistic row)
    {
        Assert.Equal(LinuxTestSupport.Str(ip, "ifname"), row.Name);
        Assert.Equal(LinuxTestSupport.Num(ip, "ifindex"), row.Index);
        Assert.Equal(LinuxTestSupport.Num(ip, "mtu"), row.Mtu);
        Assert.Equal(Mac(LinuxTestSupport.Str(ip, "address")), row.MacAddress);
        Assert.Equal(LinuxTestSupport.Str(ip, "ifalias"), row.Description);
        Assert.Equal(Status(LinuxTestSupport.Str(ip, "operstate")!), row.Status);
        bool up = false;
        foreach (JsonElement f in ip.GetProperty("flags").EnumerateArray())
        {
            up |= f.GetString() == "UP";
        }

        Assert.Equal(up, row.AdminUp);
        Assert.Equal(LinkType(LinuxTestSupport.Str(ip, "link_type")!), row.Type);
    }

    public static string? Mac(string? ip) =>
        ip is null || ip == "00:00:00:00:00:00" || ip.Split(':').Length != 6 ? null : ip.Replace(':', '-').ToUpperInvariant();

    private static OperationalStatus Status(string s) => s switch
    {
        "UP" => OperationalStatus.Up,
        "DOWN" => OperationalStatus.Down,
        "LOWERLAYERDOWN" => OperationalStatus.LowerLayerDown,
        "DORMANT" => OperationalStatus.Dormant,
        "TESTING" => OperationalStatus.Testing,
        "NOTPRESENT" => OperationalStatus.NotPresent,
        _ => OperationalStatus.Unknown,
    };

    private static string LinkType(string t) => t switch
    {
        "ether" => "Ethernet",
        "loopback" => "Loopback",
        "none" => "None",
        _ => throw new ArgumentException("link type not mapped in the test: " + t),
    };
}
