using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;

namespace NetstatPS.Readers;

/// <summary>
/// Answers a <see cref="RouteQuery"/>. Without a Destination it lists the tables, filtered. With one it
/// asks the OS which route it would use (Linux RTM_GETROUTE, Windows GetBestRoute2), which follows the
/// policy rules, the multipath choice and the preferred source; the listing filters then apply to that
/// one answer. Only where the OS cannot be asked (netlink refused, the call missing) is the route chosen
/// here, by longest-prefix match over the tables in the order of the default policy rules (local, main,
/// default; Windows has one table), then the lowest metric — with a warning saying what that ignores.
/// </summary>
public static class RouteReader
{
    /// <summary>The FullyQualifiedErrorId stem of a destination the OS has no route to.</summary>
    public const string NoRouteErrorId = "NoRoute";

    private static readonly long[] LookupTableOrder = { 255, 254, 253 };

    /// <summary>Reads routes on this OS.</summary>
    /// <param name="query">The query.</param>
    /// <returns>The rows and warnings.</returns>
    public static QueryResult<Route> Read(RouteQuery query) => Read(NetstatPlatform.Current, query);

    /// <summary>The routing table names this OS defines besides main, local and default (Linux: rt_tables), ordered by number; empty elsewhere.</summary>
    /// <returns>The names.</returns>
    public static IReadOnlyList<RouteTableName> TableNames()
    {
        try
        {
            return NetstatPlatform.Current.Routes.TableNames();
        }
        catch (PlatformNotSupportedException)
        {
            // Called while binding and completing: an unsupported OS says so when the command runs.
            return Array.Empty<RouteTableName>();
        }
    }

    internal static QueryResult<Route> Read(INetstatProvider provider, RouteQuery query)
    {
        if (query.Destination is not null)
        {
            return Lookup(provider, query, query.Destination);
        }

        var warnings = new WarningCollector();
        var rows = new List<Route>();
        DateTime now = DateTime.Now;
        provider.Routes.Read(query, rows, warnings);
        foreach (Route r in rows)
        {
            r.Timestamp = now;
        }

        rows.RemoveAll(r => !Matches(query.DestinationPrefixes, r.DestinationPrefix) || !Matches(query.InterfaceNames, r.InterfaceName) || !MatchesIndex(query.InterfaceIndexes, r.InterfaceIndex));

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

        return new QueryResult<Route>(rows, warnings.Items, unmatched);
    }

    /// <summary>The route chosen for <paramref name="destination"/>, or null when none matches.</summary>
    internal static Route? LongestPrefixMatch(IReadOnlyList<Route> routes, IPAddress destination)
    {
        IPAddressFamily family = FamilyOf(destination);
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

    private static QueryResult<Route> Lookup(INetstatProvider provider, RouteQuery query, IPAddress destination)
    {
        IPAddressFamily family = FamilyOf(destination);
        if (query.SourceAddress is not null && FamilyOf(query.SourceAddress) != family)
        {
            throw new ArgumentException($"The source address {query.SourceAddress} is {FamilyOf(query.SourceAddress)} but the destination {destination} is {family}.", nameof(query));
        }

        var warnings = new WarningCollector();
        var rows = new List<Route>();
        var unmatched = new List<string>();
        var failures = new List<QueryFailure>();
        if (query.AddressFamilies.Count > 0 && !query.AddressFamilies.Contains(family))
        {
            return new QueryResult<Route>(rows, warnings.Items);
        }

        DateTime now = DateTime.Now;
        RouteLookupAnswer answer = provider.Routes.Lookup(query, warnings);
        Route? found = answer.Route;
        if (answer.Refusal is string refusal)
        {
            failures.Add(new QueryFailure(NoRouteErrorId, destination.ToString(), refusal));
        }
        else if (answer.UnknownInterface is string name)
        {
            unmatched.Add(name);
        }
        else if (answer.Unavailable is string reason)
        {
            warnings.Add($"The OS could not be asked for the route to {destination}: {reason} It was chosen by longest-prefix match over the routing table instead, which ignores policy rules (ip rule) and -SourceAddress, and takes the first next hop of a multipath route.");
            found = FromTable(provider, query, destination, family, warnings, unmatched);
            if (found is null && unmatched.Count == 0)
            {
                failures.Add(new QueryFailure(NoRouteErrorId, destination.ToString(), $"No route to {destination}: no route in the routing table matches it."));
            }
        }

        if (found is not null && Matches(query.DestinationPrefixes, found.DestinationPrefix))
        {
            found.Timestamp = now;
            rows.Add(found);
        }

        return new QueryResult<Route>(rows, warnings.Items, unmatched, failures);
    }

    // The fallback: every table (the local table decides first for the host's own addresses, as
    // ip route get 127.0.0.1 → local), the output interface as a filter.
    private static Route? FromTable(INetstatProvider provider, RouteQuery query, IPAddress destination, IPAddressFamily family, WarningCollector warnings, List<string> unmatched)
    {
        var rows = new List<Route>();
        var tableQuery = new RouteQuery { AddressFamilies = new[] { family }, Tables = query.Tables.Count == 0 ? new[] { "all" } : query.Tables };
        provider.Routes.Read(tableQuery, rows, warnings);
        if (query.InterfaceNames.Count > 0 || query.InterfaceIndexes.Count > 0)
        {
            List<Route> through = rows.FindAll(r => Matches(query.InterfaceNames, r.InterfaceName) && MatchesIndex(query.InterfaceIndexes, r.InterfaceIndex));
            foreach (NamePattern p in query.InterfaceNames)
            {
                if (!p.IsWildcard && !through.Exists(r => p.IsMatch(r.InterfaceName)))
                {
                    unmatched.Add(p.Text);
                    return null;
                }
            }

            rows = through;
        }

        return LongestPrefixMatch(rows, destination);
    }

    private static IPAddressFamily FamilyOf(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddressFamily.IPv4 : IPAddressFamily.IPv6;

    private static bool MatchesIndex(IReadOnlyList<int> indexes, int? index)
    {
        if (indexes.Count == 0)
        {
            return true;
        }

        foreach (int i in indexes)
        {
            if (index == i)
            {
                return true;
            }
        }

        return false;
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
