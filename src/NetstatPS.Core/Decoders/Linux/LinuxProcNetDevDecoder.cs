using System;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/dev (the fallback when rtnetlink is refused) into InterfaceStatistic objects with
/// the same counters the netlink decoder gives. Columns are found by name in the second header line
/// ("face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls
/// carrier compressed"), never by position. Pure.
/// </summary>
/// <remarks>
/// The kernel prints rx drop = rx_dropped + rx_missed_errors, fifo = rx_fifo_errors, frame =
/// rx_length + rx_over + rx_crc + rx_frame errors, carrier = tx_carrier + tx_aborted + tx_window +
/// tx_heartbeat errors (net/core/net-procfs.c). The two sums have no kernel field name, so Details keeps
/// them as rx_frame and tx_carrier; rx_compressed and tx_compressed keep their kernel names.
/// Example: <c>  eth0: 1000 10 1 2 3 4 5 6 2000 20 7 8 9 10 11 12</c> gives BytesReceived 1000,
/// PacketsReceived 10, ErrorsReceived 1, DiscardsReceived 2, OverrunsReceived 3, MulticastPacketsReceived 6,
/// BytesSent 2000, PacketsSent 20, ErrorsSent 7, DiscardsSent 8, OverrunsSent 9, Collisions 10.
/// </remarks>
internal static class LinuxProcNetDevDecoder
{
    /// <summary>The Source of rows read from /proc/net/dev.</summary>
    public const string SourceName = "ProcNet";

    /// <summary>Decodes the file.</summary>
    /// <param name="text">The file's bytes.</param>
    /// <param name="into">Where interfaces go, in file order; Index is 0 (the file has none).</param>
    public static void Decode(ReadOnlySpan<byte> text, List<InterfaceStatistic> into)
    {
        ReadOnlySpan<byte> rest = text;
        if (!LinuxProcText.NextLine(ref rest, out _))
        {
            return;
        }

        if (!LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> header))
        {
            throw new NetstatDecodeException("/proc/net/dev lacks its column header line.");
        }

        var names = new List<string>();
        int firstBar = header.IndexOf((byte)'|');
        if (firstBar < 0)
        {
            throw new NetstatDecodeException("/proc/net/dev's header has no '|' separating the receive columns.");
        }

        ReadOnlySpan<byte> columns = header.Slice(firstBar + 1);
        int secondBar = columns.IndexOf((byte)'|');
        if (secondBar < 0)
        {
            throw new NetstatDecodeException("/proc/net/dev's header has no '|' separating the transmit columns.");
        }

        AddNames(columns.Slice(0, secondBar), "rx_", names);
        AddNames(columns.Slice(secondBar + 1), "tx_", names);

        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            if (LinuxProcText.IsBlankLine(line))
            {
                continue;
            }

            int colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                throw new NetstatDecodeException("A /proc/net/dev row has no ':' after the interface name.");
            }

            ReadOnlySpan<byte> nameField = line.Slice(0, colon);
            if (!LinuxProcText.NextField(ref nameField, out ReadOnlySpan<byte> name))
            {
                throw new NetstatDecodeException("A /proc/net/dev row has an empty interface name.");
            }

            var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
            ReadOnlySpan<byte> l = line.Slice(colon + 1);
            int i = 0;
            while (LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> field))
            {
                if (i < names.Count)
                {
                    values[names[i]] = LinuxProcText.ParseUInt64(field, "/proc/net/dev " + names[i]);
                }

                i++;
            }

            if (i < names.Count)
            {
                throw new NetstatDecodeException($"A /proc/net/dev row has {i} values, the header {names.Count} columns.");
            }

            into.Add(Create(LinuxProcText.Text(name), values));
        }
    }

    private static InterfaceStatistic Create(string name, Dictionary<string, ulong> v)
    {
        var row = new InterfaceStatistic
        {
            Name = name,
            Source = SourceName,
            BytesReceived = Get(v, "rx_bytes"),
            PacketsReceived = Get(v, "rx_packets"),
            ErrorsReceived = Get(v, "rx_errs"),
            DiscardsReceived = Get(v, "rx_drop"),
            OverrunsReceived = Get(v, "rx_fifo"),
            MulticastPacketsReceived = Get(v, "rx_multicast"),
            BytesSent = Get(v, "tx_bytes"),
            PacketsSent = Get(v, "tx_packets"),
            ErrorsSent = Get(v, "tx_errs"),
            DiscardsSent = Get(v, "tx_drop"),
            OverrunsSent = Get(v, "tx_fifo"),
            Collisions = Get(v, "tx_colls"),
        };
        var details = CounterDictionary.Create();
        AddDetail(details, "rx_frame", v, "rx_frame");
        AddDetail(details, "rx_compressed", v, "rx_compressed");
        AddDetail(details, "tx_carrier", v, "tx_carrier");
        AddDetail(details, "tx_compressed", v, "tx_compressed");
        row.Details = details;
        return row;
    }

    private static void AddDetail(OrderedDictionary details, string key, Dictionary<string, ulong> v, string column)
    {
        if (v.TryGetValue(column, out ulong value))
        {
            details[key] = value;
        }
    }

    private static ulong? Get(Dictionary<string, ulong> v, string column) => v.TryGetValue(column, out ulong value) ? value : null;

    private static void AddNames(ReadOnlySpan<byte> part, string prefix, List<string> names)
    {
        while (LinuxProcText.NextField(ref part, out ReadOnlySpan<byte> field))
        {
            names.Add(prefix + LinuxProcText.Text(field));
        }
    }
}
