using System;
using System.Collections.Generic;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Turns the kernel's two answers for one address into one Route. Pure: bytes in, object out.
/// <list type="bullet">
/// <item>The plain RTM_GETROUTE answer (flagged RTM_F_CLONED, dst = the address/32 or /128) is the path a
/// packet would take: the next hop the kernel chose among a multipath route's, the output interface
/// (lo for the host's own addresses), the preferred source, the type, and — asked with
/// RTM_F_LOOKUP_TABLE — the table the policy rules led to.</item>
/// <item>The RTM_F_FIB_MATCH answer is the table entry that matched: its prefix, protocol, scope,
/// metric, MTU, preference, nexthop object and every next hop with its weight.</item>
/// </list>
/// The Route takes the path from the first and the entry's own attributes from the second, plus the
/// chosen hop's weight. Without a fitting entry the prefix is the address itself: when the kernel has
/// none (it refuses RTM_F_FIB_MATCH for a multicast address sent through a given interface, and the
/// caller passes no second answer), when the second answer is a computed route rather than an entry
/// (flagged RTM_F_CLONED, as kernels answer where the lookup used no entry), or when it does not fit the
/// first (the table changed between the two requests). A path that consulted no table (RTA_TABLE 0:
/// multicast or broadcast through a given interface) has Table and TableName null.
/// </summary>
/// <remarks>
/// A real pair, for 172.16.0.5 over <c>172.16.0.0/16 nexthop via 10.9.0.2 weight 1 nexthop via 10.8.0.3
/// weight 3</c>: answer {type 1, table 254, RTA_DST 172.16.0.5, RTA_OIF va, RTA_PREFSRC 10.9.0.1,
/// RTA_GATEWAY 10.9.0.2}, match {dst_len 16, RTA_DST 172.16.0.0, RTA_MULTIPATH [10.9.0.2 hops 0,
/// 10.8.0.3 hops 2]} → Route {DestinationPrefix "172.16.0.0/16", NextHop "10.9.0.2", InterfaceName "va",
/// InterfaceAddress "10.9.0.1", TableName "main", Weight 1, Flags "UG", Source "NetlinkRouteGet"}.
/// </remarks>
internal static class LinuxRouteGetDecoder
{
    /// <summary>The Source of a route the kernel chose for one address.</summary>
    public const string SourceName = "NetlinkRouteGet";

    /// <summary>Decodes the answers.</summary>
    /// <param name="answer">The plain answer's RTM_NEWROUTE payload (struct rtmsg + attributes).</param>
    /// <param name="fibMatch">The RTM_F_FIB_MATCH answer's payload; empty when it was not asked or failed.</param>
    /// <param name="interfaceNames">ifindex → name.</param>
    /// <param name="matchUsed">True when the table entry was taken from <paramref name="fibMatch"/>.</param>
    /// <returns>The route.</returns>
    public static Route Decode(ReadOnlySpan<byte> answer, ReadOnlySpan<byte> fibMatch, IReadOnlyDictionary<int, string> interfaceNames, out bool matchUsed)
    {
        var paths = new List<Route>();
        LinuxRouteDecoder.DecodeAnswer(answer, interfaceNames, paths);
        if (paths.Count == 0)
        {
            throw new NetstatDecodeException("The route answer is of an address family that has no routes here.");
        }

        Route path = paths[0];
        if (path.Table == 0)
        {
            path.Table = null;
            path.TableName = null;
        }

        Route? entry = null;
        if (!fibMatch.IsEmpty)
        {
            var hops = new List<Route>();
            bool computed = LinuxRouteDecoder.DecodeAnswer(fibMatch, interfaceNames, hops);
            if (!computed)
            {
                entry = Matching(path, hops);
            }
        }

        matchUsed = entry is not null;
        Route e = entry ?? path;
        bool onLink = path.IsOnLink;
        int maxBits = path.AddressFamily == IPAddressFamily.IPv4 ? 32 : 128;
        string? protocol = e.Protocol;
        return new Route
        {
            AddressFamily = path.AddressFamily,
            Destination = e.Destination,
            PrefixLength = e.PrefixLength,
            NextHop = path.NextHop,
            IsOnLink = onLink,
            InterfaceName = path.InterfaceName,
            InterfaceIndex = path.InterfaceIndex,
            InterfaceAddress = path.InterfaceAddress ?? e.InterfaceAddress,
            Metric = e.Metric,
            RouteMetric = e.RouteMetric,
            Protocol = protocol,
            Type = path.Type,
            Table = path.Table,
            TableName = path.TableName,
            Scope = e.Scope,
            Flags = LinuxRouteNames.Flags(
                up: true,
                gateway: !onLink,
                host: e.PrefixLength == maxBits,
                reject: LinuxRouteNames.IsReject(path.Type),
                dynamic: protocol == "redirect",
                addrconf: protocol == "ra"),
            Mtu = e.Mtu ?? path.Mtu,
            Preference = e.Preference ?? path.Preference,
            Weight = entry?.Weight,
            NextHopId = entry?.NextHopId,
            Source = SourceName,
        };
    }

    // The hop of the entry the path went through; null when the entry does not fit the path.
    private static Route? Matching(Route path, List<Route> hops)
    {
        if (hops.Count == 0 || hops[0].AddressFamily != path.AddressFamily || hops[0].Table != path.Table)
        {
            return null;
        }

        if (!string.Equals(path.Type, "Unicast", StringComparison.Ordinal))
        {
            // Local, broadcast, multicast: the path leaves through lo (or the multicast device), the entry
            // names the address's own interface; the table is what ties them together.
            return hops[0];
        }

        foreach (Route hop in hops)
        {
            if (hop.NextHop == path.NextHop && hop.InterfaceIndex == path.InterfaceIndex)
            {
                return hop;
            }
        }

        return null;
    }
}
