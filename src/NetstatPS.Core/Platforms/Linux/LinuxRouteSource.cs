using System;
using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Routes on Linux: rtnetlink RTM_GETROUTE dumps per family (every table; the query's tables are kept),
/// interface names from an RTM_GETLINK dump (netns-correct, unlike /sys/class/net). When netlink is
/// refused: /proc/net/route (IPv4 main table) and /proc/net/ipv6_route (IPv6, no table ids: local,
/// anycast and multicast routes count as the local table, the rest as main). Table names come from
/// iproute2's rt_tables files (<see cref="LinuxRouteTableFiles"/>); a lookup for one address is an
/// RTM_GETROUTE request (<see cref="LinuxRouteLookup"/>).
/// </summary>
internal sealed class LinuxRouteSource : IRouteSource
{
    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;

    private readonly string procNet;
    private readonly bool forceFallback;
    private readonly Func<string, int?> nameToIndex;
    private readonly LinuxRouteTableFiles tableFiles;

    /// <summary>Reads the running kernel.</summary>
    public LinuxRouteSource()
        : this("/proc/net", forceFallback: false)
    {
    }

    /// <summary>Reads another /proc/net (tests), optionally skipping netlink.</summary>
    /// <param name="procNet">The /proc/net directory.</param>
    /// <param name="forceFallback">Use /proc even when netlink works (and answer lookups from the table).</param>
    /// <param name="nameToIndex">Interface name → index for the fallback; null asks the kernel (if_nametoindex).</param>
    /// <param name="tableFiles">Where table names come from; null reads /etc/iproute2 and the distribution's copy.</param>
    internal LinuxRouteSource(string procNet, bool forceFallback, Func<string, int?>? nameToIndex = null, LinuxRouteTableFiles? tableFiles = null)
    {
        this.procNet = procNet;
        this.forceFallback = forceFallback;
        this.nameToIndex = nameToIndex ?? LibCInterfaceIndex.NameToIndex;
        this.tableFiles = tableFiles ?? new LinuxRouteTableFiles();
    }

    /// <inheritdoc />
    public void Read(RouteQuery query, List<Route> into, WarningCollector warnings)
    {
        bool v4 = query.AddressFamilies.Count == 0 || Contains(query.AddressFamilies, IPAddressFamily.IPv4);
        bool v6 = query.AddressFamilies.Count == 0 || Contains(query.AddressFamilies, IPAddressFamily.IPv6);
        LinuxRouteTableNameMap names = this.tableFiles.Read();
        Func<long, bool>? tables = TableFilter(query.Tables, names, warnings, out bool onlyMainOrLocal);

        var rows = new List<Route>();
        if (!this.forceFallback && TryReadNetlink(v4, v6, tables, rows, warnings))
        {
            Name(rows, names);
            into.AddRange(rows);
            return;
        }

        rows.Clear();
        if (!onlyMainOrLocal)
        {
            warnings.Add("rtnetlink is not available, and /proc/net/route and /proc/net/ipv6_route show no policy routing tables: only main (and IPv6 local) routes can be listed.");
        }

        this.ReadFallback(v4, v6, rows, warnings);
        Name(rows, names);
        foreach (Route r in rows)
        {
            if (tables is null || tables(r.Table ?? LinuxRouteNames.MainTable))
            {
                into.Add(r);
            }
        }
    }

    /// <inheritdoc />
    public RouteLookupAnswer Lookup(RouteQuery query, WarningCollector warnings) =>
        this.forceFallback
            ? RouteLookupAnswer.CannotAsk("rtnetlink is not used here (the /proc fallback was chosen).")
            : LinuxRouteLookup.Ask(query, this.tableFiles.Read(), warnings);

    /// <inheritdoc />
    public IReadOnlyList<RouteTableName> TableNames() => this.tableFiles.Read().Defined;

    /// <summary>The table predicate of a query: empty = main, "all" = null (every table), else names or numbers.</summary>
    /// <param name="requested">RouteQuery.Tables.</param>
    /// <param name="names">The table names in force (rt_tables).</param>
    /// <param name="warnings">Where names that are no table go.</param>
    /// <param name="onlyMainOrLocal">False when tables /proc cannot show were asked for.</param>
    /// <returns>The predicate, or null for every table.</returns>
    internal static Func<long, bool>? TableFilter(IReadOnlyList<string> requested, LinuxRouteTableNameMap names, WarningCollector warnings, out bool onlyMainOrLocal)
    {
        onlyMainOrLocal = true;
        if (requested.Count == 0)
        {
            return t => t == LinuxRouteNames.MainTable;
        }

        var ids = new HashSet<long>();
        foreach (string name in requested)
        {
            if (string.Equals(name?.Trim(), "all", StringComparison.OrdinalIgnoreCase))
            {
                onlyMainOrLocal = false;
                return null;
            }

            if (name is not null && names.TryParse(name, out long id))
            {
                ids.Add(id);
                onlyMainOrLocal &= id is LinuxRouteNames.MainTable or LinuxRouteNames.LocalTable;
            }
            else
            {
                warnings.Add($"'{name}' is not a routing table: use main, local, default, all, a table number or a name from /etc/iproute2/rt_tables.");
            }
        }

        return ids.Contains;
    }

    // The decoders name main, local and default; the administrator's rt_tables names the rest (and may rename those).
    private static void Name(List<Route> rows, LinuxRouteTableNameMap names)
    {
        foreach (Route r in rows)
        {
            if (r.Table is long table)
            {
                r.TableName = names.NameOf(table);
            }
        }
    }

    private static bool Contains(IReadOnlyCollection<IPAddressFamily> families, IPAddressFamily f)
    {
        foreach (IPAddressFamily x in families)
        {
            if (x == f)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadNetlink(bool v4, bool v6, Func<long, bool>? tables, List<Route> rows, WarningCollector warnings)
    {
        using NetlinkSocket? socket = NetlinkSocket.TryOpen(NetlinkSocket.NetlinkRoute, out _);
        if (socket is null)
        {
            return false;
        }

        byte[]? links = LinuxInterfaceStatisticSource.DumpLinks(socket, warnings);
        if (links is null)
        {
            return false;
        }

        try
        {
            var interfaces = new List<InterfaceStatistic>();
            LinuxLinkDecoder.Decode(links, interfaces);
            var names = new Dictionary<int, string>();
            foreach (InterfaceStatistic i in interfaces)
            {
                names[i.Index] = i.Name;
            }

            foreach ((bool wanted, byte family) in new[] { (v4, AF_INET), (v6, AF_INET6) })
            {
                if (!wanted)
                {
                    continue;
                }

                byte[]? reply = socket.Dump(NetlinkSocket.BuildDumpRequest(LinuxRouteDecoder.GetRoute, LinuxRouteDecoder.RequestHeader(family)), out bool interrupted, out int errno);
                if (reply is null)
                {
                    const int EAFNOSUPPORT = 97;
                    if (errno == EAFNOSUPPORT)
                    {
                        continue; // IPv6 compiled out or disabled: no IPv6 routes, not an error
                    }

                    return false;
                }

                if (interrupted)
                {
                    warnings.Add("The routing table changed while it was being read; the result may be inconsistent.");
                }

                LinuxRouteDecoder.Decode(reply, names, tables, rows);
            }

            return true;
        }
        catch (NetstatDecodeException e)
        {
            warnings.Add("The kernel's route dump could not be decoded (" + e.Message + "); read /proc/net/route instead.");
            return false;
        }
    }

    private void ReadFallback(bool v4, bool v6, List<Route> rows, WarningCollector warnings)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var cache = new Func<string, int?>(name =>
        {
            if (!indexes.TryGetValue(name, out int index))
            {
                int? found = this.nameToIndex(name);
                if (found is null)
                {
                    return null;
                }

                index = indexes[name] = found.Value;
            }

            return index;
        });

        string route = $"{this.procNet}/route"; // the kernel file /proc/net/route
        string route6 = Path.Combine(this.procNet, "ipv6_route");
        var found = new List<Route>();
        try
        {
            if (v4 && LinuxFiles.ReadAll(route) is byte[] text4)
            {
                LinuxProcNetRouteDecoder.DecodeIPv4(text4, cache, found);
            }

            if (v6 && LinuxFiles.ReadAll(route6) is byte[] text6)
            {
                LinuxProcNetRouteDecoder.DecodeIPv6(text6, cache, found);
            }
        }
        catch (NetstatDecodeException e)
        {
            warnings.Add("The routing table in " + this.procNet + " could not be decoded: " + e.Message);
            return;
        }

        rows.AddRange(found);
    }
}
