using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Net.NetworkInformation;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes an rtnetlink RTM_GETLINK dump (RTM_NEWLINK: struct ifinfomsg + IFLA_* attributes, counters
/// from IFLA_STATS64 = struct rtnl_link_stats64) into InterfaceStatistic objects. Pure. Speed is not in
/// the dump (the source adds it from sysfs).
/// </summary>
/// <remarks>
/// Mapping, chosen to match netstat -i (net-tools reads /proc/net/dev, whose "drop" column is
/// rx_dropped + rx_missed_errors and whose "fifo" column, RX-OVR, is rx_fifo_errors), so the netlink
/// and the /proc fallback give the same numbers: DiscardsReceived = rx_dropped + rx_missed_errors,
/// OverrunsReceived = rx_fifo_errors, OverrunsSent = tx_fifo_errors, UnknownProtocolsReceived =
/// rx_nohandler, MulticastPacketsReceived = multicast. Linux counts neither unicast nor broadcast packets
/// nor sent multicast, so those stay null (NonUnicastPacketsReceived too: multicast alone is not all of
/// non-unicast). Every other rtnl_link_stats64 field is in Details under its kernel name.
/// MacAddress is null when the link has no IFLA_ADDRESS, it is not 6 bytes (tunnels, InfiniBand), or it
/// is all zeros (loopback: the kernel's placeholder, not a hardware address; Windows reports none either).
/// </remarks>
internal static class LinuxLinkDecoder
{
    /// <summary>The Source of interfaces read from rtnetlink.</summary>
    public const string SourceName = "NetlinkRoute";

    /// <summary>RTM_NEWLINK.</summary>
    public const ushort NewLink = 16;

    /// <summary>RTM_GETLINK.</summary>
    public const ushort GetLink = 18;

    /// <summary>sizeof(struct ifinfomsg).</summary>
    public const int IfinfomsgLength = 16;

    /// <summary>The fields of struct rtnl_link_stats64, in order (linux/if_link.h).</summary>
    internal static readonly string[] Stats64Fields =
    {
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler",
        "rx_otherhost_dropped",
    };

    // Fields that are exactly one typed property; Details keeps the rest (rx_dropped and rx_missed_errors
    // stay too: DiscardsReceived is their sum).
    private static readonly string[] MappedOneToOne =
    {
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "tx_dropped", "multicast",
        "collisions", "rx_fifo_errors", "tx_fifo_errors", "rx_nohandler",
    };

    private const uint IFF_UP = 0x1;
    private const ushort IFLA_ADDRESS = 1;
    private const ushort IFLA_IFNAME = 3;
    private const ushort IFLA_MTU = 4;
    private const ushort IFLA_OPERSTATE = 16;
    private const ushort IFLA_IFALIAS = 20;
    private const ushort IFLA_STATS64 = 23;

    /// <summary>Decodes every link message of <paramref name="dump"/>, stopping at NLMSG_DONE.</summary>
    /// <param name="dump">The reply messages.</param>
    /// <param name="into">Where interfaces go, in dump order (the kernel's is by index).</param>
    public static void Decode(ReadOnlySpan<byte> dump, List<InterfaceStatistic> into)
    {
        var messages = new NetlinkMessageEnumerator(dump);
        while (messages.MoveNext())
        {
            if (messages.Type == NetlinkMessageEnumerator.Done)
            {
                return;
            }

            if (messages.Type == NetlinkMessageEnumerator.Error)
            {
                throw new NetstatDecodeException("The link dump holds an NLMSG_ERROR message.");
            }

            if (messages.Type == NewLink)
            {
                into.Add(DecodeLink(messages.Payload));
            }
        }
    }

    /// <summary>The request's struct ifinfomsg (AF_UNSPEC: every link).</summary>
    /// <returns>The bytes.</returns>
    public static byte[] RequestHeader() => new byte[IfinfomsgLength];

    /// <summary>IF_OPER_* (RFC 2863 ifOperStatus as the kernel numbers it) as OperationalStatus.</summary>
    /// <param name="operstate">The IFLA_OPERSTATE value.</param>
    /// <returns>The status.</returns>
    public static OperationalStatus Status(int operstate) => operstate switch
    {
        1 => OperationalStatus.NotPresent,
        2 => OperationalStatus.Down,
        3 => OperationalStatus.LowerLayerDown,
        4 => OperationalStatus.Testing,
        5 => OperationalStatus.Dormant,
        6 => OperationalStatus.Up,
        _ => OperationalStatus.Unknown,
    };

    /// <summary>ARPHRD_* (linux/if_arp.h) as a link type name; unknown numbers as "Arphrd" + number.</summary>
    /// <param name="arphrd">The ifi_type / sysfs type value.</param>
    /// <returns>The name.</returns>
    public static string TypeName(int arphrd) => arphrd switch
    {
        0 => "NetRom",
        1 => "Ethernet",
        24 => "Ieee1394",
        32 => "Infiniband",
        256 => "Slip",
        280 => "Can",
        512 => "Ppp",
        519 => "RawIp",
        768 => "Tunnel",
        769 => "Tunnel6",
        772 => "Loopback",
        776 => "Sit",
        778 => "Gre",
        783 => "Irda",
        801 => "Wireless",
        802 => "WirelessPrism",
        803 => "WirelessRadiotap",
        804 => "Ieee802154",
        823 => "Ip6Gre",
        824 => "Netlink",
        825 => "SixLowPan",
        826 => "Vsockmon",
        65534 => "None",
        65535 => "Void",
        _ => "Arphrd" + arphrd.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A hardware address as dash-separated hex pairs, or null (see the class remarks).</summary>
    /// <param name="address">The address bytes.</param>
    /// <returns>The text or null.</returns>
    public static string? MacAddress(ReadOnlySpan<byte> address)
    {
        if (address.Length != 6)
        {
            return null;
        }

        bool allZero = true;
        foreach (byte b in address)
        {
            allZero &= b == 0;
        }

        return allZero ? null : string.Format(CultureInfo.InvariantCulture, "{0:X2}-{1:X2}-{2:X2}-{3:X2}-{4:X2}-{5:X2}", address[0], address[1], address[2], address[3], address[4], address[5]);
    }

    /// <summary>Sets the typed counters from rtnl_link_stats64 values keyed by field name; fills Details with all of them.</summary>
    /// <param name="row">The interface.</param>
    /// <param name="stats">Field name → value (only the fields the kernel gave).</param>
    internal static void ApplyStats(InterfaceStatistic row, OrderedDictionary stats)
    {
        row.PacketsReceived = Get(stats, "rx_packets");
        row.PacketsSent = Get(stats, "tx_packets");
        row.BytesReceived = Get(stats, "rx_bytes");
        row.BytesSent = Get(stats, "tx_bytes");
        row.ErrorsReceived = Get(stats, "rx_errors");
        row.ErrorsSent = Get(stats, "tx_errors");
        ulong? dropped = Get(stats, "rx_dropped"), missed = Get(stats, "rx_missed_errors");
        row.DiscardsReceived = dropped is null ? null : unchecked(dropped.Value + (missed ?? 0));
        row.DiscardsSent = Get(stats, "tx_dropped");
        row.MulticastPacketsReceived = Get(stats, "multicast");
        row.Collisions = Get(stats, "collisions");
        row.OverrunsReceived = Get(stats, "rx_fifo_errors");
        row.OverrunsSent = Get(stats, "tx_fifo_errors");
        row.UnknownProtocolsReceived = Get(stats, "rx_nohandler");
        foreach (string mapped in MappedOneToOne)
        {
            stats.Remove(mapped);
        }

        row.Details = stats;
    }

    private static ulong? Get(OrderedDictionary stats, string name) => stats[name] as ulong?;

    private static InterfaceStatistic DecodeLink(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < IfinfomsgLength)
        {
            throw new NetstatDecodeException($"An RTM_NEWLINK payload of {payload.Length} bytes is shorter than struct ifinfomsg.");
        }

        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(payload.Slice(2));
        int index = BinaryPrimitives.ReadInt32LittleEndian(payload.Slice(4));
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(payload.Slice(8));
        var row = new InterfaceStatistic
        {
            Index = index,
            Type = TypeName(type),
            AdminUp = (flags & IFF_UP) != 0,
            Status = OperationalStatus.Unknown,
            Source = SourceName,
        };

        bool hasName = false;
        var attributes = new NetlinkAttributeEnumerator(payload.Slice(IfinfomsgLength));
        while (attributes.MoveNext())
        {
            ReadOnlySpan<byte> value = attributes.Value;
            switch (attributes.Type)
            {
                case IFLA_IFNAME:
                    row.Name = CString(value);
                    hasName = true;
                    break;
                case IFLA_MTU:
                    if (value.Length < 4)
                    {
                        throw new NetstatDecodeException("IFLA_MTU is shorter than 4 bytes.");
                    }

                    row.Mtu = BinaryPrimitives.ReadInt32LittleEndian(value);
                    break;
                case IFLA_ADDRESS:
                    row.MacAddress = MacAddress(value);
                    break;
                case IFLA_OPERSTATE:
                    if (value.Length < 1)
                    {
                        throw new NetstatDecodeException("IFLA_OPERSTATE is empty.");
                    }

                    row.Status = Status(value[0]);
                    break;
                case IFLA_IFALIAS:
                    string alias = CString(value);
                    row.Description = alias.Length == 0 ? null : alias;
                    break;
                case IFLA_STATS64:
                    ApplyStats(row, Stats64(value));
                    break;
            }
        }

        if (!hasName)
        {
            throw new NetstatDecodeException($"Link {index} has no IFLA_IFNAME.");
        }

        return row;
    }

    // The structure grew over time (rx_nohandler in 4.6, rx_otherhost_dropped in 5.19): decode the fields
    // present, name any newer ones by position, leave missing ones out (their properties stay null).
    private static OrderedDictionary Stats64(ReadOnlySpan<byte> value)
    {
        if (value.Length % 8 != 0)
        {
            throw new NetstatDecodeException($"IFLA_STATS64 has {value.Length} bytes, not a whole number of 64-bit counters.");
        }

        var stats = CounterDictionary.Create();
        for (int i = 0; i < value.Length / 8; i++)
        {
            string name = i < Stats64Fields.Length ? Stats64Fields[i] : "stats64_" + i.ToString(CultureInfo.InvariantCulture);
            stats[name] = BinaryPrimitives.ReadUInt64LittleEndian(value.Slice(i * 8));
        }

        return stats;
    }

    private static string CString(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        return LinuxProcText.Text(nul >= 0 ? value.Slice(0, nul) : value);
    }
}
