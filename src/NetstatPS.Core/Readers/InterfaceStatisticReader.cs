using System;
using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Sampling;
using NetstatPS.Filtering;

namespace NetstatPS.Readers;

/// <summary>Answers an <see cref="InterfaceQuery"/>: every interface, filtered by name, stamped with the read time.</summary>
public static class InterfaceStatisticReader
{
    /// <summary>Reads interface counters on this OS.</summary>
    /// <param name="query">The query.</param>
    /// <returns>The rows, warnings, and explicit names that matched nothing.</returns>
    public static QueryResult<InterfaceStatistic> Read(InterfaceQuery query) => Read(NetstatPlatform.Current, query);

    internal static QueryResult<InterfaceStatistic> Read(INetstatProvider provider, InterfaceQuery query)
    {
        var warnings = new WarningCollector();
        var rows = new List<InterfaceStatistic>();
        var clock = SampleClock.Read();
        provider.Interfaces.Read(rows, warnings);
        clock.Stamp(rows);

        var unmatched = new List<string>();
        if (query.Names.Count > 0)
        {
            var matched = new HashSet<NamePattern>();
            rows.RemoveAll(row =>
            {
                bool keep = false;
                foreach (NamePattern p in query.Names)
                {
                    if (p.IsMatch(row.Name))
                    {
                        matched.Add(p);
                        keep = true;
                    }
                }

                return !keep;
            });
            foreach (NamePattern p in query.Names)
            {
                if (!p.IsWildcard && !matched.Contains(p))
                {
                    unmatched.Add(p.Text);
                }
            }
        }

        return new QueryResult<InterfaceStatistic>(rows, warnings.Items, unmatched);
    }
}
