using System;

namespace NetstatPS;

/// <summary>
/// One interface's membership of one multicast group, IPv4 or IPv6: a line of <c>netstat -g</c> or
/// an inet/inet6 line of <c>ip maddr</c> (Linux: /proc/net/igmp and /proc/net/igmp6; Windows:
/// GetMulticastIpAddressTable). What the OS does not report is null.
/// </summary>
public sealed class MulticastMembership
{
    /// <summary>The interface name (eth0; Windows: the alias).</summary>
    public string InterfaceName { get; internal set; } = string.Empty;

    /// <summary>The interface index.</summary>
    public int InterfaceIndex { get; internal set; }

    /// <summary>IPv4 or IPv6.</summary>
    public IPAddressFamily AddressFamily { get; internal set; }

    /// <summary>The group address as text (224.0.0.1, ff02::1).</summary>
    public string Address { get; internal set; } = string.Empty;

    /// <summary>
    /// How many times the group was joined on the interface (netstat -g's RefCnt, ip maddr's users: each
    /// socket's join and the kernel's own count once each). Null where the OS does not count (Windows).
    /// </summary>
    public int? ReferenceCount { get; internal set; }

    /// <summary>Time until the pending membership report is sent; null when no report timer runs or the OS does not say.</summary>
    public TimeSpan? ReportTimerExpiresIn { get; internal set; }

    /// <summary>True when this host sent the last report for the group on the link (IGMP reporter, MLD last reporter); null where unknown.</summary>
    public bool? IsLastReporter { get; internal set; }

    /// <summary>The IGMP version the IPv4 interface speaks (3, or 1 or 2 after hearing an older querier); null for IPv6 and where unknown.</summary>
    public int? IgmpVersion { get; internal set; }

    /// <summary>Where the row came from: ProcNet or IpHlpApi.</summary>
    public string Source { get; internal set; } = string.Empty;

    /// <summary>When the sample this row belongs to was read.</summary>
    public DateTime Timestamp { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{this.InterfaceName} {this.Address}" + (this.ReferenceCount is int n ? $" users {n}" : string.Empty);
}
