using System.Collections.Specialized;
using System.Net.NetworkInformation;

namespace NetstatPS;

/// <summary>
/// One network interface with its counters: <c>netstat -i</c> and <c>netstat -e</c> in one object
/// (Linux: RTM_GETLINK with IFLA_STATS64; Windows: GetIfTable2). Counters the OS does not keep are null.
/// </summary>
public sealed class InterfaceStatistic : CounterSample
{
    /// <summary>The interface name (eth0, lo; Windows: the alias, "Ethernet").</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>The interface index.</summary>
    public int Index { get; internal set; }

    /// <summary>The description (Windows: adapter description; Linux: ifalias when set); null when none.</summary>
    public string? Description { get; internal set; }

    /// <summary>The link type: Ethernet, Loopback, Tunnel, Ppp, Wireless, None …</summary>
    public string? Type { get; internal set; }

    /// <summary>The operational status (RFC 2863 ifOperStatus).</summary>
    public OperationalStatus Status { get; internal set; }

    /// <summary>True when the interface is administratively up (ip link set up; Windows: AdminStatus); null when unknown.</summary>
    public bool? AdminUp { get; internal set; }

    /// <summary>The MTU in bytes.</summary>
    public int? Mtu { get; internal set; }

    /// <summary>The hardware address as six dash-separated hex pairs (00-15-5D-01-02-03); null when the interface has none.</summary>
    public string? MacAddress { get; internal set; }

    /// <summary>The link speed in bits per second; null when the driver does not report it.</summary>
    public long? Speed { get; internal set; }

    /// <summary>Bytes received.</summary>
    public ulong? BytesReceived { get; internal set; }

    /// <summary>Bytes sent.</summary>
    public ulong? BytesSent { get; internal set; }

    /// <summary>Packets received, all kinds (netstat -i's RX-OK).</summary>
    public ulong? PacketsReceived { get; internal set; }

    /// <summary>Packets sent, all kinds (netstat -i's TX-OK).</summary>
    public ulong? PacketsSent { get; internal set; }

    /// <summary>Unicast packets received (netstat -e); null where the OS does not split them (Linux).</summary>
    public ulong? UnicastPacketsReceived { get; internal set; }

    /// <summary>Unicast packets sent (netstat -e); null where the OS does not split them (Linux).</summary>
    public ulong? UnicastPacketsSent { get; internal set; }

    /// <summary>Non-unicast (multicast + broadcast) packets received (netstat -e).</summary>
    public ulong? NonUnicastPacketsReceived { get; internal set; }

    /// <summary>Non-unicast packets sent (netstat -e); null where the OS does not count them.</summary>
    public ulong? NonUnicastPacketsSent { get; internal set; }

    /// <summary>Multicast packets received.</summary>
    public ulong? MulticastPacketsReceived { get; internal set; }

    /// <summary>Multicast packets sent; null where the OS does not count them.</summary>
    public ulong? MulticastPacketsSent { get; internal set; }

    /// <summary>Broadcast packets received; null where the OS does not count them.</summary>
    public ulong? BroadcastPacketsReceived { get; internal set; }

    /// <summary>Broadcast packets sent; null where the OS does not count them.</summary>
    public ulong? BroadcastPacketsSent { get; internal set; }

    /// <summary>Received packets discarded (netstat -i's RX-DRP, netstat -e's Discards).</summary>
    public ulong? DiscardsReceived { get; internal set; }

    /// <summary>Outgoing packets discarded (TX-DRP).</summary>
    public ulong? DiscardsSent { get; internal set; }

    /// <summary>Receive errors (RX-ERR).</summary>
    public ulong? ErrorsReceived { get; internal set; }

    /// <summary>Send errors (TX-ERR).</summary>
    public ulong? ErrorsSent { get; internal set; }

    /// <summary>Received packets of an unknown protocol (Linux rx_nohandler; Windows InUnknownProtos).</summary>
    public ulong? UnknownProtocolsReceived { get; internal set; }

    /// <summary>Receive overruns (netstat -i's RX-OVR; Linux rx_fifo_errors, the column net-tools and ifconfig show as overruns); null where unknown.</summary>
    public ulong? OverrunsReceived { get; internal set; }

    /// <summary>Transmit overruns (TX-OVR; Linux tx_fifo_errors); null where unknown.</summary>
    public ulong? OverrunsSent { get; internal set; }

    /// <summary>Collisions.</summary>
    public ulong? Collisions { get; internal set; }

    /// <summary>Every other counter the OS keeps for the interface, under its own name (rx_crc_errors …).</summary>
    public OrderedDictionary Details { get; internal set; } = CounterDictionary.Create();

    /// <summary>Bytes received per second over the last interval; null without -Interval or for the first sample.</summary>
    public double? BytesReceivedPerSecond => Rate(nameof(this.BytesReceived));

    /// <summary>Bytes sent per second over the last interval.</summary>
    public double? BytesSentPerSecond => Rate(nameof(this.BytesSent));

    /// <summary>Packets received per second over the last interval.</summary>
    public double? PacketsReceivedPerSecond => Rate(nameof(this.PacketsReceived));

    /// <summary>Packets sent per second over the last interval.</summary>
    public double? PacketsSentPerSecond => Rate(nameof(this.PacketsSent));

    /// <inheritdoc />
    internal override string SampleKey => this.Index + ":" + this.Name;

    /// <inheritdoc />
    public override string ToString() => this.Name;

    private double? Rate(string counter) => this.PerSecond?[counter] as double?;
}
