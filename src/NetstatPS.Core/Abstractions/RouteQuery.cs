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

    /// <summary>
    /// Interface name patterns. With <see cref="Destination"/> at most one name, without wildcards: the
    /// interface the lookup sends from (ip route get … oif DEV).
    /// </summary>
    public IReadOnlyList<NamePattern> InterfaceNames { get; init; } = Array.Empty<NamePattern>();

    /// <summary>Interface indexes; with <see cref="Destination"/> at most one: the lookup's output interface.</summary>
    public IReadOnlyList<int> InterfaceIndexes { get; init; } = Array.Empty<int>();

    /// <summary>
    /// When set, the OS is asked which route it would use for this address (Linux: an RTM_GETROUTE
    /// request, as ip route get sends; Windows: GetBestRoute2) and only that answer is returned; the
    /// other filters then apply to it. Nothing is sent to the address.
    /// </summary>
    public IPAddress? Destination { get; init; }

    /// <summary>With <see cref="Destination"/>: the source address of the lookup (ip route get … from ADDRESS); same family.</summary>
    public IPAddress? SourceAddress { get; init; }
}
