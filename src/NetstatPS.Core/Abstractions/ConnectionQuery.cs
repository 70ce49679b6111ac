using System;
using System.Collections.Generic;
using NetstatPS.Filtering;

namespace NetstatPS.Abstractions;

/// <summary>
/// What Get-NetConnectionEx asks for, bound from its parameters. Empty collections mean "any".
/// Sources must honour <see cref="Protocols"/>, <see cref="AddressFamilies"/> and <see cref="States"/>
/// (ideally in the kernel); <see cref="Readers.ConnectionReader"/> applies the rest in the cheapest order.
/// </summary>
public sealed class ConnectionQuery
{
    /// <summary>
    /// Tcp, Udp, Raw and/or Unix; empty means Tcp and Udp (what netstat -an and ss -tua list). Raw and
    /// Unix sockets come only when named, so the default query and its cost stay those of TCP and UDP.
    /// </summary>
    public IReadOnlyCollection<TransportProtocol> Protocols { get; init; } = Array.Empty<TransportProtocol>();

    /// <summary>IPv4 and/or IPv6; empty means both. Naming a family leaves Unix sockets out (they have none).</summary>
    public IReadOnlyCollection<IPAddressFamily> AddressFamilies { get; init; } = Array.Empty<IPAddressFamily>();

    /// <summary>States to return; empty means all.</summary>
    public IReadOnlyCollection<ConnectionState> States { get; init; } = Array.Empty<ConnectionState>();

    /// <summary>Local address filters (addresses or CIDR prefixes); a row matches if any matches.</summary>
    public IReadOnlyList<AddressFilter> LocalAddresses { get; init; } = Array.Empty<AddressFilter>();

    /// <summary>Remote address filters; a row matches if any matches.</summary>
    public IReadOnlyList<AddressFilter> RemoteAddresses { get; init; } = Array.Empty<AddressFilter>();

    /// <summary>Local ports; a row matches if its port is any of them.</summary>
    public IReadOnlyCollection<int> LocalPorts { get; init; } = Array.Empty<int>();

    /// <summary>Remote ports; a row matches if its port is any of them.</summary>
    public IReadOnlyCollection<int> RemotePorts { get; init; } = Array.Empty<int>();

    /// <summary>Owning process ids; a row matches if any of its owners has one of them.</summary>
    public IReadOnlyCollection<int> ProcessIds { get; init; } = Array.Empty<int>();

    /// <summary>Owning process names (PowerShell wildcards, case-insensitive); a row matches if any owner matches any.</summary>
    public IReadOnlyList<NamePattern> ProcessNames { get; init; } = Array.Empty<NamePattern>();

    /// <summary>
    /// Services of the owners (PowerShell wildcards, case-insensitive): the systemd unit on Linux, where
    /// a name without a dot also matches its .service unit as systemctl reads it (nginx = nginx.service);
    /// any hosted service name on Windows. A row matches if any owner matches any.
    /// </summary>
    public IReadOnlyList<NamePattern> Services { get; init; } = Array.Empty<NamePattern>();

    /// <summary>Container ids or their first characters (as docker accepts them; wildcards allowed); a row matches if any owner's container matches any.</summary>
    public IReadOnlyList<NamePattern> ContainerIds { get; init; } = Array.Empty<NamePattern>();

    /// <summary>Fill <see cref="ProcessOwner.CommandLine"/> (and <see cref="Connection.CommandLine"/>).</summary>
    public bool IncludeCommandLine { get; init; }

    /// <summary>Look up owning processes (the /proc walk on Linux). Forced on when filtering by process.</summary>
    public bool IncludeProcessInfo { get; init; } = true;

    /// <summary>Fill <see cref="Connection.TcpInfo"/> (ss -i).</summary>
    public bool IncludeTcpInfo { get; init; }

    /// <summary>Fill <see cref="Connection.SocketMemory"/> (ss -m).</summary>
    public bool IncludeSocketMemory { get; init; }

    /// <summary>Resolve addresses to host names (netstat -f), in parallel, cached, bounded by <see cref="ResolveTimeout"/>.</summary>
    public bool ResolveHostNames { get; init; }

    /// <summary>The most time host name resolution may take in all.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>True when owners must be looked up, to show them or to filter by them.</summary>
    public bool NeedsOwners => this.IncludeProcessInfo || this.FiltersByOwner || this.IncludeCommandLine;

    /// <summary>True when rows are filtered by something about their owners.</summary>
    public bool FiltersByOwner => this.ProcessIds.Count > 0 || this.ProcessNames.Count > 0 || this.Services.Count > 0 || this.ContainerIds.Count > 0;

    /// <summary>True when <paramref name="protocol"/> is asked for.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>Whether rows of that protocol are wanted.</returns>
    public bool Wants(TransportProtocol protocol) =>
        this.Protocols.Count == 0 ? protocol is TransportProtocol.Tcp or TransportProtocol.Udp : Contains(this.Protocols, protocol);

    /// <summary>True when Unix sockets are asked for: named in <see cref="Protocols"/>, and no address family given.</summary>
    public bool WantsUnix => this.AddressFamilies.Count == 0 && this.Protocols.Count > 0 && Contains(this.Protocols, TransportProtocol.Unix);

    /// <summary>True when <paramref name="family"/> is asked for.</summary>
    /// <param name="family">The address family.</param>
    /// <returns>Whether rows of that family are wanted.</returns>
    public bool Wants(IPAddressFamily family) => this.AddressFamilies.Count == 0 || Contains(this.AddressFamilies, family);

    /// <summary>True when <paramref name="state"/> is asked for.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Whether rows in that state are wanted.</returns>
    public bool Wants(ConnectionState state) => this.States.Count == 0 || Contains(this.States, state);

    private static bool Contains<T>(IReadOnlyCollection<T> set, T value)
        where T : struct, Enum
    {
        foreach (T item in set)
        {
            if (EqualityComparer<T>.Default.Equals(item, value))
            {
                return true;
            }
        }

        return false;
    }
}
