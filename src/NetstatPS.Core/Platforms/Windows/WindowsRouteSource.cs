using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Filtering;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Routes from GetIpForwardTable2 (IPv4 and IPv6 in one call), interface names from GetIfTable2, the
/// interface metric from GetIpInterfaceEntry once per interface and family (Metric = route metric +
/// interface metric, as route print and Get-NetRoute show), Persistent from route -p's registry store.
/// A lookup for one address is GetBestRoute2, with the source address and interface when given: the
/// row it returns becomes the Route, and its best source address the InterfaceAddress.
/// </summary>
/// <remarks>
/// Windows has one routing table: Table and TableName stay null. RouteQuery.Tables may name it as
/// main or all; any other table (local, default, a number) exists only on Linux and is refused with a
/// NotSupportedException naming the value, rather than silently answering from the one table.
/// InterfaceAddress is the interface's address on the route's link (GetUnicastIpAddressTable, route print's
/// Interface column); null where that table cannot be read. When an interface metric
/// cannot be read, InterfaceMetric and Metric stay null and one warning says so. Where GetBestRoute2 is
/// missing or answers ERROR_NOT_SUPPORTED, the lookup reports that it cannot ask (RouteReader then
/// chooses from the table and warns, naming the error).
/// </remarks>
internal sealed unsafe class WindowsRouteSource : IRouteSource
{
    /// <inheritdoc />
    public void Read(RouteQuery query, List<Route> into, WarningCollector warnings)
    {
        CheckTables(query);
        Dictionary<int, string> names = InterfaceNames(out _);

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

    /// <inheritdoc />
    public RouteLookupAnswer Lookup(RouteQuery query, WarningCollector warnings)
    {
        CheckTables(query);
        IPAddress destination = query.Destination ?? throw new ArgumentException("The query has no Destination.", nameof(query));
        Dictionary<int, string> names = InterfaceNames(out List<InterfaceStatistic> interfaces);
        if (!OutputInterface.TryResolve(query, interfaces, out int? oif, out string? unknown))
        {
            return RouteLookupAnswer.NoSuchInterface(unknown!);
        }

        SockaddrInet target = Sockaddr(destination);
        SockaddrInet from = query.SourceAddress is IPAddress s ? Sockaddr(s) : default;
        MibIpForwardRow2 row = default;
        SockaddrInet best = default;
        uint rc;
        try
        {
            rc = IpHlpApi.GetBestRoute2(null, unchecked((uint)(oif ?? 0)), query.SourceAddress is null ? null : &from, &target, 0, &row, &best);
        }
        catch (EntryPointNotFoundException)
        {
            return RouteLookupAnswer.CannotAsk("iphlpapi.dll has no GetBestRoute2.");
        }

        if (rc == WindowsRouteLookupErrors.NotSupported)
        {
            return RouteLookupAnswer.CannotAsk($"GetBestRoute2 returned {WindowsRouteLookupErrors.Name(rc)}.");
        }

        if (rc != 0)
        {
            return RouteLookupAnswer.Refused(WindowsRouteLookupErrors.Message(destination.ToString(), rc));
        }

        Route route = WindowsBestRouteDecoder.Decode(
            new ReadOnlySpan<byte>(&row, sizeof(MibIpForwardRow2)),
            new ReadOnlySpan<byte>(&best, sizeof(SockaddrInet)),
            names);
        uint? interfaceMetric = InterfaceMetric(route.AddressFamily, route.InterfaceIndex ?? 0);
        route.InterfaceMetric = interfaceMetric;
        route.Metric = interfaceMetric is uint m ? route.RouteMetric + m : null;
        if (interfaceMetric is null)
        {
            warnings.Add("GetIpInterfaceEntry could not read the interface metric: InterfaceMetric and Metric are null (RouteMetric is set).");
        }

        if (route.AddressFamily == IPAddressFamily.IPv4 && WindowsPersistentRouteStore.ReadIPv4() is HashSet<string> persistent)
        {
            route.Persistent = persistent.Contains(WindowsPersistentRouteDecoder.KeyOf(route.Destination, route.PrefixLength, route.NextHop));
        }

        return RouteLookupAnswer.Found(route);
    }

    /// <inheritdoc />
    public IReadOnlyList<RouteTableName> TableNames() => Array.Empty<RouteTableName>();

    private static void CheckTables(RouteQuery query)
    {
        foreach (string requested in query.Tables)
        {
            if (!requested.Equals("main", StringComparison.OrdinalIgnoreCase) && !requested.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException(
                    $"Routing table '{requested}' does not exist on Windows: Windows has one routing table, so -Table accepts only main or all here.");
            }
        }
    }

    private static Dictionary<int, string> InterfaceNames(out List<InterfaceStatistic> interfaces)
    {
        var names = new Dictionary<int, string>();
        interfaces = new List<InterfaceStatistic>();
        WindowsInterfaceDecoder.Decode(WindowsInterfaceStatisticSource.ReadTable(), interfaces);
        foreach (InterfaceStatistic i in interfaces)
        {
            names[i.Index] = i.Name;
        }

        return names;
    }

    // SOCKADDR_IN / SOCKADDR_IN6 in the SOCKADDR_INET union: the IPv4 address sits at offset 4, in network order.
    private static SockaddrInet Sockaddr(IPAddress address)
    {
        var s = default(SockaddrInet);
        byte[] bytes = address.GetAddressBytes();
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            s.Family = (ushort)IpHlpApi.AF_INET;
            s.FlowInfoOrIPv4Address = BitConverter.ToUInt32(bytes, 0);
        }
        else
        {
            s.Family = (ushort)IpHlpApi.AF_INET6;
            for (int i = 0; i < 16; i++)
            {
                s.IPv6Address[i] = bytes[i];
            }

            s.ScopeId = unchecked((uint)address.ScopeId);
        }

        return s;
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
