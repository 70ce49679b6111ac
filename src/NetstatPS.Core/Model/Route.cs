using System;

namespace NetstatPS;

/// <summary>
/// One route: a line of <c>route print</c>, <c>netstat -r</c> or <c>ip route show table all</c>, or the
/// kernel's answer for one address (<c>ip route get</c>).
/// A multipath route gives one object per next hop (as Get-NetRoute does), each with the shared prefix
/// and its own <see cref="Weight"/>: the rows stay flat, so Group-Object, -InterfaceName, route print's
/// view, CSV and remoting treat every hop like any other route.
/// </summary>
public sealed class Route
{
    /// <summary>IPv4 or IPv6.</summary>
    public IPAddressFamily AddressFamily { get; internal set; }

    /// <summary>Destination and prefix length, "0.0.0.0/0", "10.1.0.0/16", "fe80::/64".</summary>
    public string DestinationPrefix => $"{this.Destination}/{this.PrefixLength}";

    /// <summary>The destination network address.</summary>
    public string Destination { get; internal set; } = string.Empty;

    /// <summary>The prefix length in bits.</summary>
    public int PrefixLength { get; internal set; }

    /// <summary>The IPv4 netmask in dotted form (route print's Netmask); null for IPv6.</summary>
    public string? Netmask => this.AddressFamily == IPAddressFamily.IPv4 ? FormatNetmask(this.PrefixLength) : null;

    /// <summary>The gateway; the unspecified address (0.0.0.0 or ::) for on-link routes, as Get-NetRoute shows it.</summary>
    public string NextHop { get; internal set; } = string.Empty;

    /// <summary>True when the destination is reached directly on the link (no gateway: route print's "On-link").</summary>
    public bool IsOnLink { get; internal set; }

    /// <summary>route print's Gateway column: On-link for a route with no next hop, else the next hop.</summary>
    public string GatewayText => this.IsOnLink ? "On-link" : this.NextHop;

    /// <summary>The outgoing interface's name; null for routes without one (unreachable, blackhole).</summary>
    public string? InterfaceName { get; internal set; }

    /// <summary>The outgoing interface's index; null for routes without one.</summary>
    public int? InterfaceIndex { get; internal set; }

    /// <summary>The preferred source address for this route (Linux prefsrc; Windows: the interface's address); null when none.</summary>
    public string? InterfaceAddress { get; internal set; }

    /// <summary>The metric used to choose between routes: Linux's priority; on Windows route metric + interface metric, as route print shows.</summary>
    public long? Metric { get; internal set; }

    /// <summary>The route's own metric (Windows RouteMetric; Linux: same as Metric).</summary>
    public long? RouteMetric { get; internal set; }

    /// <summary>The interface's metric (Windows); null on Linux, which has none.</summary>
    public long? InterfaceMetric { get; internal set; }

    /// <summary>Who installed the route: kernel, boot, static, dhcp, ra, redirect … (Linux rtm_protocol); Local, NetMgmt, RouterAdvertisement … (Windows).</summary>
    public string? Protocol { get; internal set; }

    /// <summary>Unicast, Local, Broadcast, Anycast, Multicast, Blackhole, Unreachable, Prohibit, Throw, Nat.</summary>
    public string Type { get; internal set; } = "Unicast";

    /// <summary>The routing table id (Linux: 254 main, 255 local, 253 default, or a policy table); null on Windows.</summary>
    public long? Table { get; internal set; }

    /// <summary>The routing table's name (main, local, default, or the number); null on Windows.</summary>
    public string? TableName { get; internal set; }

    /// <summary>Scope: Universe, Site, Link, Host, Nowhere (Linux); null elsewhere.</summary>
    public string? Scope { get; internal set; }

    /// <summary>netstat -r's flags: U up, G gateway, H host, R reinstate, D dynamic, M modified, A addrconf, C cache, ! reject.</summary>
    public string Flags { get; internal set; } = string.Empty;

    /// <summary>True for a default route (prefix length 0, unicast).</summary>
    public bool IsDefault => this.PrefixLength == 0 && string.Equals(this.Type, "Unicast", StringComparison.Ordinal);

    /// <summary>True when the route is in Windows' persistent store (route -p); null on Linux, which has none.</summary>
    public bool? Persistent { get; internal set; }

    /// <summary>The route's MTU lock/value (Linux RTAX_MTU); null when not set.</summary>
    public int? Mtu { get; internal set; }

    /// <summary>IPv6 router preference (Low, Medium, High); null when not given.</summary>
    public string? Preference { get; internal set; }

    /// <summary>
    /// This next hop's weight within a multipath route (Linux rtnh_hops + 1, what ip route shows as
    /// "weight"); null for a route with one next hop and on Windows, which has no weights.
    /// </summary>
    public int? Weight { get; internal set; }

    /// <summary>The Linux nexthop object (ip nexthop, "nhid") the route uses; null when it has none, and on Windows.</summary>
    public long? NextHopId { get; internal set; }

    /// <summary>Where the row came from: NetlinkRoute, NetlinkRouteGet (the kernel's answer to -Destination), ProcNet or IpHlpApi.</summary>
    public string Source { get; internal set; } = string.Empty;

    /// <summary>When the routing table was read.</summary>
    public DateTime Timestamp { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{this.DestinationPrefix} via {this.NextHop} dev {this.InterfaceName} metric {this.Metric}";

    internal static string FormatNetmask(int prefixLength)
    {
        uint mask = prefixLength <= 0 ? 0u : prefixLength >= 32 ? uint.MaxValue : uint.MaxValue << (32 - prefixLength);
        return $"{mask >> 24}.{(mask >> 16) & 0xFF}.{(mask >> 8) & 0xFF}.{mask & 0xFF}";
    }
}
