using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes a MIB_IPFORWARD_TABLE2 (GetIpForwardTable2): ULONG NumEntries, 4 bytes of padding (the rows
/// start with a 64-bit NET_LUID), then 104-byte MIB_IPFORWARD_ROW2 rows, IPv4 and IPv6 mixed.
/// </summary>
/// <remarks>
/// Metric here is the route's own metric only (RouteMetric); the source adds the interface metric
/// (MIB_IPINTERFACE_ROW.Metric) so that Metric means what route print shows. Flags follow netstat -r on
/// Linux: U for every route the stack holds, G when there is a gateway, H for a host route (/32, /128).
/// </remarks>
internal static unsafe class WindowsRouteDecoder
{
    /// <summary>Where rows start in MIB_IPFORWARD_TABLE2.</summary>
    public const int RowsOffset = 8;

    private const ushort AfInet = 2;
    private const ushort AfInet6 = 23;

    /// <summary>Decodes the table.</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="interfaceNames">Interface aliases by index (from GetIfTable2); a missing index leaves InterfaceName null.</param>
    /// <param name="wanted">Which families to keep.</param>
    /// <param name="into">Where rows go.</param>
    public static void Decode(ReadOnlySpan<byte> table, IReadOnlyDictionary<int, string> interfaceNames, Func<IPAddressFamily, bool> wanted, List<Route> into)
    {
        int n = WindowsRowReader.CountRows(table, RowsOffset, sizeof(MibIpForwardRow2), "MIB_IPFORWARD_TABLE2");
        for (int i = 0; i < n; i++)
        {
            MibIpForwardRow2 r = WindowsRowReader.Row<MibIpForwardRow2>(table, RowsOffset, i);
            Route? route = DecodeRow(r, "MIB_IPFORWARD_ROW2 " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), interfaceNames, wanted);
            if (route is not null)
            {
                into.Add(route);
            }
        }
    }

    /// <summary>Decodes one MIB_IPFORWARD_ROW2 (a table row, or GetBestRoute2's answer).</summary>
    /// <param name="r">The row.</param>
    /// <param name="what">The row's name for messages.</param>
    /// <param name="interfaceNames">Interface aliases by index.</param>
    /// <param name="wanted">Which families to keep.</param>
    /// <returns>The route, or null for an unwanted family.</returns>
    public static Route? DecodeRow(MibIpForwardRow2 r, string what, IReadOnlyDictionary<int, string> interfaceNames, Func<IPAddressFamily, bool> wanted)
    {
        IPAddressFamily family = r.DestinationPrefix.Prefix.Family switch
        {
            AfInet => IPAddressFamily.IPv4,
            AfInet6 => IPAddressFamily.IPv6,
            ushort other => throw new NetstatDecodeException($"{what}: destination family {other} is neither AF_INET nor AF_INET6."),
        };
        if (!wanted(family))
        {
            return null;
        }

        int maxBits = family == IPAddressFamily.IPv4 ? 32 : 128;
        int prefixLength = r.DestinationPrefix.PrefixLength;
        if (prefixLength > maxBits)
        {
            throw new NetstatDecodeException($"{what}: prefix length {prefixLength} exceeds {maxBits}.");
        }

        IPAddress destination = Address(&r.DestinationPrefix.Prefix, family);
        IPAddress nextHop = r.NextHop.Family is AfInet or AfInet6 ? Address(&r.NextHop, family) : Unspecified(family);
        bool onLink = IsUnspecified(nextHop);
        int index = unchecked((int)r.InterfaceIndex);
        return new Route
        {
            AddressFamily = family,
            Destination = destination.ToString(),
            PrefixLength = prefixLength,
            NextHop = nextHop.ToString(),
            IsOnLink = onLink,
            InterfaceIndex = index,
            InterfaceName = interfaceNames.TryGetValue(index, out string? name) ? name : null,
            RouteMetric = r.Metric,
            Protocol = ProtocolName(r.Protocol),
            Type = TypeOf(destination, family, prefixLength),
            Flags = "U" + (onLink ? string.Empty : "G") + (prefixLength == maxBits ? "H" : string.Empty),
            Source = WindowsSources.IpHlpApi,
        };
    }

    /// <summary>An IPv4 or IPv6 SOCKADDR_INET as text (no scope id); null for another family.</summary>
    /// <param name="s">The address.</param>
    /// <returns>The text or null.</returns>
    public static string? AddressText(SockaddrInet s) => s.Family switch
    {
        AfInet => Address(&s, IPAddressFamily.IPv4).ToString(),
        AfInet6 => Address(&s, IPAddressFamily.IPv6).ToString(),
        _ => null,
    };

    /// <summary>NL_ROUTE_PROTOCOL (RouteProtocolOther … RouteProtocolDhcp, and the MIB_IPPROTO_NT_* values) without the prefix, as Get-NetRoute's Protocol.</summary>
    /// <param name="protocol">The value.</param>
    /// <returns>The name; the number for values the SDK does not name.</returns>
    public static string ProtocolName(int protocol) => protocol switch
    {
        1 => "Other",
        2 => "Local",
        3 => "NetMgmt",
        4 => "Icmp",
        5 => "Egp",
        6 => "Ggp",
        7 => "Hello",
        8 => "Rip",
        9 => "IsIs",
        10 => "EsIs",
        11 => "Igrp",
        12 => "Bbn",
        13 => "Ospf",
        14 => "Bgp",
        15 => "Idpr",
        16 => "Eigrp",
        17 => "Dvmrp",
        18 => "Rpl",
        19 => "Dhcp",
        10002 => "NTAutostatic",
        10006 => "NTStatic",
        10007 => "NTStaticNonDOD",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string TypeOf(IPAddress destination, IPAddressFamily family, int prefixLength)
    {
        byte[] bytes = destination.GetAddressBytes();
        if (family == IPAddressFamily.IPv4)
        {
            if ((bytes[0] & 0xF0) == 0xE0 && prefixLength >= 4)
            {
                return "Multicast";
            }

            return prefixLength == 32 && bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255 ? "Broadcast" : "Unicast";
        }

        return bytes[0] == 0xFF && prefixLength >= 8 ? "Multicast" : "Unicast";
    }

    private static IPAddress Address(SockaddrInet* s, IPAddressFamily family)
    {
        // Routes show plain addresses: the scope id of a link-local next hop is the interface, which
        // InterfaceIndex already gives (Get-NetRoute shows fe80::1, not fe80::1%12).
        return family == IPAddressFamily.IPv4 ? new IPAddress(s->FlowInfoOrIPv4Address) : WindowsRowReader.IPv6(s->IPv6Address, 0);
    }

    private static IPAddress Unspecified(IPAddressFamily family) => family == IPAddressFamily.IPv4 ? IPAddress.Any : IPAddress.IPv6Any;

    private static bool IsUnspecified(IPAddress a) => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any);
}
