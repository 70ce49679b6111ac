using System.Collections.Generic;
using System.Threading;
using NetstatPS.Abstractions;
using NetstatPS.Naming;

namespace NetstatPS.Readers;

/// <summary>
/// Answers a <see cref="ConnectionQuery"/>: the kernel dump (filtered there by protocol, family and
/// state, and on Linux by ports and addresses), then the address and port filters (again: they are
/// cheap, and they make the rows the same whether the kernel filtered or not), then owners only for
/// the rows left (and for the peers of Unix rows; with -ProcessId or -ProcessName, only from the
/// selected processes where the OS allows) with their units or services once per process, then the
/// process filters, then names if asked. Each step touches only what the previous one kept.
/// </summary>
public static class ConnectionReader
{
    /// <summary>Reads the connections that match <paramref name="query"/> on this OS.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellation">Stops host name resolution early.</param>
    /// <returns>The rows and warnings.</returns>
    public static QueryResult<Connection> Read(ConnectionQuery query, CancellationToken cancellation = default) =>
        Read(NetstatPlatform.Current, query, cancellation);

    internal static QueryResult<Connection> Read(INetstatProvider provider, ConnectionQuery query, CancellationToken cancellation)
    {
        var warnings = new WarningCollector();
        var rows = new List<Connection>();
        System.DateTime now = System.DateTime.Now;
        provider.Connections.Read(query, rows, warnings);

        if (query.LocalAddresses.Count > 0 || query.RemoteAddresses.Count > 0 || query.LocalPorts.Count > 0 || query.RemotePorts.Count > 0)
        {
            rows.RemoveAll(c => !ConnectionFilter.MatchesEndpoints(query, c));
        }

        if (query.NeedsOwners && rows.Count > 0)
        {
            bool byProcess = query.ProcessIds.Count > 0 || query.ProcessNames.Count > 0;
            if (byProcess && !query.WantsUnix && provider.Owners is ISelectiveOwnerResolver selective)
            {
                // Only the selected processes' descriptors (and those of processes that may share them) are read.
                selective.ResolveSelected(rows, query, warnings);
            }
            else
            {
                // Unix rows name their peer's process too: peers the filters left out get owners as well.
                provider.Owners.Resolve(query.WantsUnix ? UnixPeers.WithUnlistedPeers(rows) : rows, warnings);
            }

            // Units, containers and services once per distinct owning process, before -Service and -ContainerId filter on them.
            provider.OwnerDetails.Describe(DistinctOwners.Of(rows), query.IncludeCommandLine, warnings);
            if (query.FiltersByOwner)
            {
                rows.RemoveAll(c => !ConnectionFilter.MatchesProcess(query, c));
            }
        }

        if (query.ResolveHostNames && rows.Count > 0)
        {
            HostNameResolver.Resolve(rows, query.ResolveTimeout, cancellation);
        }

        foreach (Connection c in rows)
        {
            c.Timestamp = now;
        }

        return new QueryResult<Connection>(rows, warnings.Items, verbose: warnings.VerboseItems);
    }
}
