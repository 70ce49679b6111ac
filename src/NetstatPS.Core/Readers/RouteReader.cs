using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;

namespace NetstatPS.Readers;

/// <summary>
/// Answers a <see cref="RouteQuery"/>. With a Destination it returns the one route the kernel would
/// pick, like <c>ip route get</c> without sending anything: tables are consulted in the order of the
/// default policy rules (local, main, default; Windows has one table), and within a table the longest
/// prefix wins, then the lowest metric. Custom policy rules (ip rule) are not evaluated.
/// </summary>
public static class RouteReader
{
    private static readonly long[] LookupTableOrder = { 255, 254, 253 };

    /// <summary>Reads routes on this OS.</summary>
    /// <param name="query">The query.</param>
    /// <returns>The rows and warnings.</returns>
    public static QueryResult<Route> Read(RouteQuery query) => Read(NetstatPlatform.Current, query);

    internal static QueryResult<Route> Read(INetstatProvider provider, RouteQuery query)
    {
        var warnings = new WarningCollector();
        var rows = new List<Route>();
        RouteQuery sourceQuery = query;
        if (query.Destination is not null && query.Tables.Count == 0)
        {
            // The local table decides first for the host's own addresses (ip route get 127.0.0.1 → local).
            sourceQuery = new RouteQuery { AddressFamilies = query.AddressFamilies, Tables = new[] { "all" } };
        }

        DateTime now = DateTime.Now;
        provider.Routes.Read(sourceQuery, rows, warnings);
        foreach (Route r in rows)
        {
            r.Timestamp = now;
        }

        rows.RemoveAll(r => !Matches(query.DestinationPrefixes, r.DestinationPrefix) || !Matches(query.InterfaceNames, r.InterfaceName));

        // One rule with Get-NetInterfaceStatistic -Name: an explicit interface name that no route
        // carries is a non-terminating ObjectNotFound for the caller; a wildcard that matches nothing is not.
        var unmatched = new List<string>();
        foreach (NamePattern p in query.InterfaceNames)
        {
            if (!p.IsWildcard && !rows.Exists(r => p.IsMatch(r.InterfaceName)))
            {
                unmatched.Add(p.Text);
            }
        }

        if (query.Destination is not null)
        {
            Route? best = LongestPrefixMatch(rows, query.Destination);
            rows.Clear();
            if (best is not null)
            {
                rows.Add(best);
            }
        }

        return new QueryResult<Route>(rows, warnings.Items, unmatched);
    }

    /// <summary>The route chosen for <paramref name="destination"/>, or null when none matches.</summary>
    internal static Route? LongestPrefixMatch(IReadOnlyList<Route> routes, IPAddress destination)
    {
        IPAddressFamily family = destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddressFamily.IPv4 : IPAddressFamily.IPv6;
        var tables = new List<long?>();
        foreach (long t in LookupTableOrder)
        {
            tables.Add(t);
        }

        if (routes.Count > 0 && routes[0].Table is null)
        {
            tables = new List<long?> { null };
        }

        foreach (long? table in tables)
        {
            Route? best = null;
            foreach (Route r in routes)
            {
                if (r.Table != table || r.AddressFamily != family || !Contains(r, destination))
                {
                    continue;
                }

                if (best is null || r.PrefixLength > best.PrefixLength ||
                    (r.PrefixLength == best.PrefixLength && (r.Metric ?? 0) < (best.Metric ?? 0)))
                {
                    best = r;
                }
            }

            if (best is not null && !string.Equals(best.Type, "Throw", StringComparison.Ordinal))
            {
                return best;
            }
        }

        return null;
    }

    private static bool Contains(Route r, IPAddress address) =>
        AddressFilter.TryParse(r.Destination + "/" + r.PrefixLength.ToString(CultureInfo.InvariantCulture), out AddressFilter? f, out _) && f!.IsMatch(address);

    private static bool Matches(IReadOnlyList<NamePattern> patterns, string? value)
    {
        if (patterns.Count == 0)
        {
            return true;
        }

        foreach (NamePattern p in patterns)
        {
            if (p.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }
}
