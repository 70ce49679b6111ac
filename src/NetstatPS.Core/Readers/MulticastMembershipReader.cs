using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;

namespace NetstatPS.Readers;

/// <summary>
/// Answers Get-NetInterfaceStatistic -MulticastGroup: every membership, filtered by interface name,
/// stamped with the read time. An explicit name is "not found" only when no interface has that name
/// (an interface without groups is not an error), so the interface list is read only then.
/// </summary>
public static class MulticastMembershipReader
{
    /// <summary>Reads multicast memberships on this OS.</summary>
    /// <param name="query">Interface names to keep; empty means all.</param>
    /// <returns>The rows, warnings, and explicit names that match no interface.</returns>
    public static QueryResult<MulticastMembership> Read(InterfaceQuery query) => Read(NetstatPlatform.Current, query);

    internal static QueryResult<MulticastMembership> Read(INetstatProvider provider, InterfaceQuery query)
    {
        var warnings = new WarningCollector();
        var rows = new List<MulticastMembership>();
        System.DateTime now = System.DateTime.Now;
        provider.Multicast.Read(rows, warnings);
        foreach (MulticastMembership m in rows)
        {
            m.Timestamp = now;
        }

        var unmatched = new List<string>();
        if (query.Names.Count > 0)
        {
            var matched = new HashSet<NamePattern>();
            rows.RemoveAll(row => !Matches(query.Names, row.InterfaceName, matched));
            var unresolved = new List<NamePattern>();
            foreach (NamePattern p in query.Names)
            {
                if (!p.IsWildcard && !matched.Contains(p))
                {
                    unresolved.Add(p);
                }
            }

            if (unresolved.Count > 0)
            {
                var interfaces = new List<InterfaceStatistic>();
                provider.Interfaces.Read(interfaces, new WarningCollector());
                foreach (NamePattern p in unresolved)
                {
                    if (!interfaces.Exists(i => p.IsMatch(i.Name)))
                    {
                        unmatched.Add(p.Text);
                    }
                }
            }
        }

        return new QueryResult<MulticastMembership>(rows, warnings.Items, unmatched);
    }

    private static bool Matches(IReadOnlyList<NamePattern> patterns, string name, HashSet<NamePattern> matched)
    {
        bool keep = false;
        foreach (NamePattern p in patterns)
        {
            if (p.IsMatch(name))
            {
                matched.Add(p);
                keep = true;
            }
        }

        return keep;
    }
}
