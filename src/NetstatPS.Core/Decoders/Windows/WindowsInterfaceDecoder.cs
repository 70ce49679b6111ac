using System;
using System.Collections.Generic;
using System.Net.NetworkInformation;
using System.Text;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes a MIB_IF_TABLE2 (GetIfTable2): ULONG NumEntries, 4 bytes of padding, then 1352-byte
/// MIB_IF_ROW2 rows with 64-bit counters.
/// </summary>
/// <remarks>
/// Rows flagged FilterInterface (the NDIS lightweight-filter layers Windows stacks on every adapter,
/// "Ethernet-WFP Native MAC Layer LightWeight Filter-0000") are skipped: they repeat the adapter's
/// counters under another name, and Get-NetAdapter does not show them either.
/// </remarks>
internal static unsafe class WindowsInterfaceDecoder
{
    /// <summary>Where rows start in MIB_IF_TABLE2.</summary>
    public const int RowsOffset = 8;

    /// <summary>The FilterInterface bit of InterfaceAndOperStatusFlags.</summary>
    public const byte FilterInterfaceFlag = 0x02;

    /// <summary>NET_IF_LINK_SPEED_UNKNOWN.</summary>
    private const ulong LinkSpeedUnknown = ulong.MaxValue;

    /// <summary>Decodes the table. Details holds only unsigned 64-bit values (or null): interval mode differences them.</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="into">Where rows go, in table order.</param>
    public static void Decode(ReadOnlySpan<byte> table, List<InterfaceStatistic> into)
    {
        int n = WindowsRowReader.CountRows(table, RowsOffset, sizeof(MibIfRow2), "MIB_IF_TABLE2");
        for (int i = 0; i < n; i++)
        {
            MibIfRow2 r = WindowsRowReader.Row<MibIfRow2>(table, RowsOffset, i);
            if ((r.InterfaceAndOperStatusFlags & FilterInterfaceFlag) != 0)
            {
                continue;
            }

            if (r.PhysicalAddressLength > 32)
            {
                throw new NetstatDecodeException($"MIB_IF_ROW2 {i}: PhysicalAddressLength {r.PhysicalAddressLength} exceeds the 32-byte array.");
            }

            string name = WindowsRowReader.FixedString(r.Alias, 257) ?? ("if" + r.InterfaceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var row = new InterfaceStatistic
            {
                Name = name,
                Index = unchecked((int)r.InterfaceIndex),
                Description = WindowsRowReader.FixedString(r.Description, 257),
                Type = TypeName(r.Type),
                Status = r.OperStatus is >= 1 and <= 7 ? (OperationalStatus)r.OperStatus : OperationalStatus.Unknown,
                AdminUp = r.AdminStatus switch { 1 => true, 2 or 3 => false, _ => null },
                Mtu = r.Mtu == uint.MaxValue ? null : unchecked((int)r.Mtu),
                MacAddress = FormatMac(r.PhysicalAddress, (int)r.PhysicalAddressLength),
                Speed = Speed(r.ReceiveLinkSpeed, r.TransmitLinkSpeed),
                BytesReceived = r.InOctets,
                BytesSent = r.OutOctets,
                PacketsReceived = r.InUcastPkts + r.InNUcastPkts,
                PacketsSent = r.OutUcastPkts + r.OutNUcastPkts,
                UnicastPacketsReceived = r.InUcastPkts,
                UnicastPacketsSent = r.OutUcastPkts,
                NonUnicastPacketsReceived = r.InNUcastPkts,
                NonUnicastPacketsSent = r.OutNUcastPkts,
                DiscardsReceived = r.InDiscards,
                DiscardsSent = r.OutDiscards,
                ErrorsReceived = r.InErrors,
                ErrorsSent = r.OutErrors,
                UnknownProtocolsReceived = r.InUnknownProtos,
                Source = WindowsSources.IpHlpApi,
            };
            row.Details.Add("InUcastOctets", r.InUcastOctets);
            row.Details.Add("InMulticastOctets", r.InMulticastOctets);
            row.Details.Add("InBroadcastOctets", r.InBroadcastOctets);
            row.Details.Add("OutUcastOctets", r.OutUcastOctets);
            row.Details.Add("OutMulticastOctets", r.OutMulticastOctets);
            row.Details.Add("OutBroadcastOctets", r.OutBroadcastOctets);
            row.Details.Add("OutQLen", r.OutQLen);
            row.Details.Add("TransmitLinkSpeed", r.TransmitLinkSpeed == LinkSpeedUnknown ? null : r.TransmitLinkSpeed);
            row.Details.Add("ReceiveLinkSpeed", r.ReceiveLinkSpeed == LinkSpeedUnknown ? null : r.ReceiveLinkSpeed);
            into.Add(row);
        }
    }

    /// <summary>IANA ifType (IFTYPE) as the link type names the Linux provider uses.</summary>
    /// <param name="type">The IFTYPE value.</param>
    /// <returns>The name.</returns>
    public static string TypeName(uint type) => type switch
    {
        1 => "Other",
        6 => "Ethernet",
        9 => "TokenRing",
        23 => "Ppp",
        24 => "Loopback",
        37 => "Atm",
        71 => "Wireless",
        131 => "Tunnel",
        144 => "Ieee1394",
        _ => "IfType" + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The hardware address as dash-separated upper-case hex pairs (00-15-5D-01-02-03); null when empty.</summary>
    /// <param name="bytes">The address bytes.</param>
    /// <param name="length">How many are used.</param>
    /// <returns>The text, or null.</returns>
    public static string? FormatMac(byte* bytes, int length)
    {
        if (length <= 0)
        {
            return null;
        }

        var sb = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++)
        {
            if (i > 0)
            {
                sb.Append('-');
            }

            sb.Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static long? Speed(ulong receive, ulong transmit)
    {
        ulong speed = receive is not 0 and not LinkSpeedUnknown ? receive : transmit;
        return speed is 0 or LinkSpeedUnknown || speed > long.MaxValue ? null : (long)speed;
    }
}
