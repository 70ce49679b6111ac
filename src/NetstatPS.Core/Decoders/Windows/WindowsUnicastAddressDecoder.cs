using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes a MIB_UNICASTIPADDRESS_TABLE (GetUnicastIpAddressTable): ULONG NumEntries, 4 bytes of padding,
/// then 80-byte MIB_UNICASTIPADDRESS_ROW rows; and picks the address route print shows in its Interface
/// column for a route.
/// </summary>
internal static unsafe class WindowsUnicastAddressDecoder
{
    /// <summary>Where rows start.</summary>
    public const int RowsOffset = 8;

    /// <summary>Decodes the table.</summary>
    /// <param name="table">The table buffer.</param>
    /// <returns>The addresses in table order.</returns>
    public static List<WindowsUnicastAddress> Decode(ReadOnlySpan<byte> table)
    {
        int n = WindowsRowReader.CountRows(table, RowsOffset, sizeof(MibUnicastIpAddressRow), "MIB_UNICASTIPADDRESS_TABLE");
        var result = new List<WindowsUnicastAddress>(n);
        for (int i = 0; i < n; i++)
        {
            MibUnicastIpAddressRow r = WindowsRowReader.Row<MibUnicastIpAddressRow>(table, RowsOffset, i);
            IPAddress address = r.Address.Family switch
            {
                2 => new IPAddress(r.Address.FlowInfoOrIPv4Address),
                23 => WindowsRowReader.IPv6(r.Address.IPv6Address, 0),
                ushort other => throw new NetstatDecodeException($"MIB_UNICASTIPADDRESS_ROW {i}: family {other} is neither AF_INET nor AF_INET6."),
            };
            result.Add(new WindowsUnicastAddress(unchecked((int)r.InterfaceIndex), address, r.OnLinkPrefixLength, r.SkipAsSource != 0));
        }

        return result;
    }

    /// <summary>
    /// The interface address for a route: among the interface's addresses of the route's family that may
    /// be a source, the one whose on-link prefix holds the next hop (or, for an on-link route, the
    /// destination); else the first such address; null when the interface has none.
    /// </summary>
    /// <param name="addresses">Every unicast address.</param>
    /// <param name="forRoute">The forRoute.</param>
    /// <returns>The address text, or null.</returns>
    public static string? AddressFor(IReadOnlyList<WindowsUnicastAddress> addresses, Route forRoute)
    {
        if (forRoute.InterfaceIndex is not int index)
        {
            return null;
        }

        System.Net.Sockets.AddressFamily family = forRoute.AddressFamily == IPAddressFamily.IPv4
            ? System.Net.Sockets.AddressFamily.InterNetwork
            : System.Net.Sockets.AddressFamily.InterNetworkV6;
        IPAddress target = IPAddress.Parse(forRoute.IsOnLink ? forRoute.Destination : forRoute.NextHop);
        IPAddress? first = null;
        foreach (WindowsUnicastAddress a in addresses)
        {
            if (a.InterfaceIndex != index || a.SkipAsSource || a.Address.AddressFamily != family)
            {
                continue;
            }

            first ??= a.Address;
            if (SamePrefix(a.Address, target, a.PrefixLength))
            {
                return a.Address.ToString();
            }
        }

        return first?.ToString();
    }

    private static bool SamePrefix(IPAddress a, IPAddress b, int prefixLength)
    {
        byte[] x = a.GetAddressBytes();
        byte[] y = b.GetAddressBytes();
        if (x.Length != y.Length || prefixLength <= 0 || prefixLength > x.Length * 8)
        {
            return false;
        }

        int full = prefixLength / 8;
        for (int i = 0; i < full; i++)
        {
            if (x[i] != y[i])
            {
                return false;
            }
        }

        int rest = prefixLength % 8;
        return rest == 0 || ((x[full] ^ y[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
    }
}
