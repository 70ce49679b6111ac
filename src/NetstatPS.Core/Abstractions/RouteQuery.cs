using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Filtering;

namespace NetstatPS.Abstractions;

/// <summary>What Get-NetRouteTable asks for. Empty collections mean "any".</summary>
public sealed class RouteQuery
{
    /// <summary>IPv4 and/or IPv6; empty means both.</summary>
    public IReadOnlyCollection<IPAddressFamily> AddressFamilies { get; init; } = Array.Empty<IPAddressFamily>();

    /// <summary>
    /// Tables to read: empty means the main table (what netstat -r shows); "all" every table; otherwise
    /// table names (main, local, default) or numbers. Ignored where the OS has one table (Windows).
    /// </summary>
    public IReadOnlyList<string> Tables { get; init; } = Array.Empty<string>();

    /// <summary>Destination prefix patterns ("10.*", "0.0.0.0/0").</summary>
    public IReadOnlyList<NamePattern> DestinationPrefixes { get; init; } = Array.Empty<NamePattern>();

    /// <summary>Interface name patterns.</summary>
    public IReadOnlyList<NamePattern> InterfaceNames { get; init; } = Array.Empty<NamePattern>();

    /// <summary>When set, only the route the kernel's longest-prefix match would pick for this address (ip route get, without sending).</summary>
    public IPAddress? Destination { get; init; }
}
