using System;
using NetstatPS.Abstractions;

namespace NetstatPS.Benchmarks;

/// <summary>The NetstatPS queries the cases run, by name, shared by the in-process runs and the fresh-process "query" mode.</summary>
internal static class BenchQuery
{
    /// <summary>Get-NetConnectionEx -Protocol Tcp (owners included, as by default).</summary>
    public const string AllOwners = "all-owners";

    /// <summary>Get-NetConnectionEx -Protocol Tcp without owners (-IncludeProcessInfo:$false).</summary>
    public const string AllNoOwners = "all";

    /// <summary>Get-NetConnectionEx -Protocol Tcp -State Listen, without owners.</summary>
    public const string Listen = "listen";

    /// <summary>Get-NetConnectionEx -Protocol Tcp -State Listen, with owners.</summary>
    public const string ListenOwners = "listen-owners";

    /// <summary>Get-NetConnectionEx -Protocol Tcp -LocalPort {port}, with owners.</summary>
    public const string PortOwners = "port-owners";

    /// <summary>Get-NetConnectionEx -Protocol Tcp -LocalPort {port} -NoProcessInfo: the kernel filters.</summary>
    public const string Port = "port";

    /// <summary>Get-NetConnectionEx -Protocol Tcp -ProcessId {pid}: only that process's fd table (and its family's).</summary>
    public const string ProcessId = "pid";

    /// <summary>The query of <paramref name="name"/>; <paramref name="port"/> is the port, or the process id for <see cref="ProcessId"/>.</summary>
    public static ConnectionQuery Create(string name, int port) => name switch
    {
        AllOwners => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, IncludeProcessInfo = true },
        AllNoOwners => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, IncludeProcessInfo = false },
        Listen => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, States = new[] { ConnectionState.Listen }, IncludeProcessInfo = false },
        ListenOwners => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, States = new[] { ConnectionState.Listen }, IncludeProcessInfo = true },
        PortOwners => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, LocalPorts = new[] { port }, IncludeProcessInfo = true },
        Port => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, LocalPorts = new[] { port }, IncludeProcessInfo = false },
        ProcessId => new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, ProcessIds = new[] { port } },
        _ => throw new ArgumentException("unknown query " + name, nameof(name)),
    };
}
