using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;

namespace NetstatPS.Readers;

/// <summary>The row filters a source does not apply itself.</summary>
internal static class ConnectionFilter
{
    /// <summary>
    /// Address and port filters (any-of within a parameter, all-of across parameters). Called only when
    /// one of them is given: a Unix socket has no address or port, so it never matches one (not even
    /// -LocalPort 0 or -LocalAddress 0.0.0.0/0). A raw socket's port is its protocol number.
    /// </summary>
    public static bool MatchesEndpoints(ConnectionQuery query, Connection c) =>
        c.Protocol != TransportProtocol.Unix &&
        ContainsPort(query.LocalPorts, c.LocalPortNumber) &&
        ContainsPort(query.RemotePorts, c.RemotePortNumber) &&
        MatchesAddress(query.LocalAddresses, c, local: true) &&
        MatchesAddress(query.RemoteAddresses, c, local: false);

    /// <summary>Process id, name, service and container filters: a row matches when any of its owners matches them all.</summary>
    public static bool MatchesProcess(ConnectionQuery query, Connection c)
    {
        foreach (ProcessOwner owner in c.Owners)
        {
            if (MatchesId(query.ProcessIds, owner.ProcessId) && MatchesName(query.ProcessNames, owner.Name) &&
                MatchesService(query.Services, owner) && MatchesName(query.ContainerIds, owner.ContainerId))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesService(IReadOnlyList<NamePattern> services, ProcessOwner owner)
    {
        if (services.Count == 0)
        {
            return true;
        }

        if (owner.Unit is string unit)
        {
            // systemctl reads "nginx" as nginx.service: so does -Service.
            const string ServiceSuffix = ".service";
            string? stem = unit.EndsWith(ServiceSuffix, System.StringComparison.Ordinal) ? unit.Substring(0, unit.Length - ServiceSuffix.Length) : null;
            return MatchesName(services, unit) || (stem is not null && MatchesName(services, stem));
        }

        foreach (string name in owner.Services ?? System.Array.Empty<string>())
        {
            if (MatchesName(services, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsPort(IReadOnlyCollection<int> ports, int port)
    {
        if (ports.Count == 0)
        {
            return true;
        }

        foreach (int p in ports)
        {
            if (p == port)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesAddress(IReadOnlyList<AddressFilter> filters, Connection c, bool local)
    {
        if (filters.Count == 0)
        {
            return true;
        }

        var address = local ? c.LocalIPAddress : c.RemoteIPAddress;
        foreach (AddressFilter f in filters)
        {
            if (f.IsMatch(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesId(IReadOnlyCollection<int> ids, int id)
    {
        if (ids.Count == 0)
        {
            return true;
        }

        foreach (int i in ids)
        {
            if (i == id)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool MatchesName(IReadOnlyList<NamePattern> names, string? name)
    {
        if (names.Count == 0)
        {
            return true;
        }

        foreach (NamePattern p in names)
        {
            if (p.IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }
}
