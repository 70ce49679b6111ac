using System;
using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Routes from GetIpForwardTable2 (IPv4 and IPv6 in one call), interface names from GetIfTable2, the
/// interface metric from GetIpInterfaceEntry once per interface and family (Metric = route metric +
/// interface metric, as route print and Get-NetRoute show), Persistent from route -p's registry store.
/// </summary>
/// <remarks>
/// Windows has one routing table: Table and TableName stay null. RouteQuery.Tables may name it as
/// main or all; any other table (local, default, a number) exists only on Linux and is refused with a
/// NotSupportedException naming the value, rather than silently answering from the one table.
/// InterfaceAddress is the interface's address on the route's link (GetUnicastIpAddressTable, route print's
/// Interface column); null where that table cannot be read. When an interface metric
/// cannot be read, InterfaceMetric and Metric stay null and one warning says so.
/// </remarks>
internal sealed unsafe class WindowsRouteSource : IRouteSource
{
    /// <inheritdoc />
    public void Read(RouteQuery query, List<Route> into, WarningCollector warnings)
    {
        foreach (string requested in query.Tables)
        {
            if (!requested.Equals("main", StringComparison.OrdinalIgnoreCase) && !requested.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException(
                    $"Routing table '{requested}' does not exist on Windows: Windows has one routing table, so -Table accepts only main or all here.");
            }
        }

        var names = new Dictionary<int, string>();
        var interfaces = new List<InterfaceStatistic>();
        WindowsInterfaceDecoder.Decode(WindowsInterfaceStatisticSource.ReadTable(), interfaces);
        foreach (InterfaceStatistic i in interfaces)
        {
            names[i.Index] = i.Name;
        }

        bool v4 = query.AddressFamilies.Count == 0 || Contains(query.AddressFamilies, IPAddressFamily.IPv4);
        bool v6 = query.AddressFamilies.Count == 0 || Contains(query.AddressFamilies, IPAddressFamily.IPv6);
        ushort family = (ushort)(v4 && v6 ? IpHlpApi.AF_UNSPEC : v4 ? IpHlpApi.AF_INET : IpHlpApi.AF_INET6);
        byte[] table = WindowsMibTable.Read(t => IpHlpApi.GetIpForwardTable2(family, t), WindowsRouteDecoder.RowsOffset, sizeof(MibIpForwardRow2), "GetIpForwardTable2");
        var rows = new List<Route>();
        WindowsRouteDecoder.Decode(table, names, f => f == IPAddressFamily.IPv4 ? v4 : v6, rows);

        List<WindowsUnicastAddress>? addresses = ReadAddresses(family);
        var metrics = new Dictionary<(IPAddressFamily, int), uint?>();
        int missingMetrics = 0;
        HashSet<string>? persistent = v4 ? WindowsPersistentRouteStore.ReadIPv4() : null;
        foreach (Route r in rows)
        {
            int index = r.InterfaceIndex ?? 0;
            if (!metrics.TryGetValue((r.AddressFamily, index), out uint? interfaceMetric))
            {
                interfaceMetric = InterfaceMetric(r.AddressFamily, index);
                metrics[(r.AddressFamily, index)] = interfaceMetric;
                if (interfaceMetric is null)
                {
                    missingMetrics++;
                }
            }

            r.InterfaceAddress = addresses is null ? null : WindowsUnicastAddressDecoder.AddressFor(addresses, r);
            r.InterfaceMetric = interfaceMetric;
            r.Metric = interfaceMetric is uint m ? r.RouteMetric + m : null;
            if (r.AddressFamily == IPAddressFamily.IPv4 && persistent is not null)
            {
                r.Persistent = persistent.Contains(WindowsPersistentRouteDecoder.KeyOf(r.Destination, r.PrefixLength, r.NextHop));
            }
        }

        if (missingMetrics > 0)
        {
            warnings.Add($"GetIpInterfaceEntry could not read the metric of {missingMetrics} interface(s): their routes have InterfaceMetric and Metric null (RouteMetric is set).");
        }

        into.AddRange(rows);
    }

    private static bool Contains(IReadOnlyCollection<IPAddressFamily> set, IPAddressFamily family)
    {
        foreach (IPAddressFamily f in set)
        {
            if (f == family)
            {
                return true;
            }
        }

        return false;
    }

    private static List<WindowsUnicastAddress>? ReadAddresses(ushort family)
    {
        try
        {
            return WindowsUnicastAddressDecoder.Decode(WindowsMibTable.Read(t => IpHlpApi.GetUnicastIpAddressTable(family, t), WindowsUnicastAddressDecoder.RowsOffset, sizeof(MibUnicastIpAddressRow), "GetUnicastIpAddressTable"));
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Interface addresses are a convenience column: without them the routes are still complete.
            return null;
        }
    }

    private static uint? InterfaceMetric(IPAddressFamily family, int index)
    {
        MibIpInterfaceRow row = default;
        row.Family = (ushort)(family == IPAddressFamily.IPv4 ? IpHlpApi.AF_INET : IpHlpApi.AF_INET6);
        row.InterfaceIndex = unchecked((uint)index);
        try
        {
            return IpHlpApi.GetIpInterfaceEntry(&row) == 0 ? row.Metric : null;
        }
        catch (EntryPointNotFoundException)
        {
            // An iphlpapi.dll without GetIpInterfaceEntry (before Vista, or an incomplete reimplementation):
            // the interface metric is unknown, never guessed.
            return null;
        }
    }
}
