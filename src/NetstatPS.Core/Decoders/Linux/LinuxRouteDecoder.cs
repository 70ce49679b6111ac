using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes an rtnetlink RTM_GETROUTE dump (RTM_NEWROUTE messages: struct rtmsg + RTA_* attributes) into
/// Route objects, one per next hop, each hop of a multipath route (RTA_MULTIPATH) with its weight. Pure:
/// bytes in, objects out.
/// </summary>
/// <remarks>
/// A real input, <c>ip route add 10.20.0.0/16 via 10.9.0.2 table 100</c>, arrives as rtmsg
/// {family 2, dst_len 16, table 100, protocol 3 (boot), scope 0, type 1} with RTA_TABLE 100,
/// RTA_DST 10.20.0.0, RTA_GATEWAY 10.9.0.2, RTA_OIF 2 and becomes
/// Route {DestinationPrefix "10.20.0.0/16", NextHop "10.9.0.2", InterfaceName "d0", Table 100,
/// TableName "100", Protocol "boot", Scope "Universe", Type "Unicast", Metric 0, Flags "UG"}.
/// </remarks>
internal static class LinuxRouteDecoder
{
    /// <summary>The Source of routes read from rtnetlink.</summary>
    public const string SourceName = "NetlinkRoute";

    /// <summary>RTM_NEWROUTE.</summary>
    public const ushort NewRoute = 24;

    /// <summary>RTM_GETROUTE.</summary>
    public const ushort GetRoute = 26;

    /// <summary>sizeof(struct rtmsg).</summary>
    public const int RtmsgLength = 12;

    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;
    private const uint RTM_F_CLONED = 0x200;
    private const byte RTNH_F_DEAD = 0x1;
    private const ushort RTA_DST = 1;
    private const ushort RTA_OIF = 4;
    private const ushort RTA_GATEWAY = 5;
    private const ushort RTA_PRIORITY = 6;
    private const ushort RTA_PREFSRC = 7;
    private const ushort RTA_METRICS = 8;
    private const ushort RTA_MULTIPATH = 9;
    private const ushort RTA_TABLE = 15;
    private const ushort RTA_VIA = 18;
    private const ushort RTA_PREF = 20;
    private const ushort RTA_NH_ID = 30;
    private const ushort RTAX_MTU = 2;
    private const byte RTPROT_REDIRECT = 1;
    private const byte RTPROT_RA = 9;

    /// <summary>Decodes every route message of <paramref name="dump"/>, stopping at NLMSG_DONE.</summary>
    /// <param name="dump">The reply messages.</param>
    /// <param name="interfaceNames">ifindex → name.</param>
    /// <param name="includeTable">Which tables to keep; null keeps every table.</param>
    /// <param name="into">Where routes go.</param>
    public static void Decode(ReadOnlySpan<byte> dump, IReadOnlyDictionary<int, string> interfaceNames, Func<long, bool>? includeTable, List<Route> into)
    {
        var messages = new NetlinkMessageEnumerator(dump);
        while (messages.MoveNext())
        {
            if (messages.Type == NetlinkMessageEnumerator.Done)
            {
                return;
            }

            if (messages.Type == NetlinkMessageEnumerator.Error)
            {
                throw new NetstatDecodeException("The route dump holds an NLMSG_ERROR message.");
            }

            if (messages.Type == NewRoute)
            {
                DecodeRoute(messages.Payload, interfaceNames, includeTable, keepCloned: false, into);
            }
        }
    }

    /// <summary>Creates the rtmsg of a dump request for one family (AF_INET, AF_INET6) or AF_UNSPEC (0).</summary>
    /// <param name="family">The address family number.</param>
    /// <returns>struct rtmsg bytes.</returns>
    public static byte[] RequestHeader(byte family)
    {
        byte[] rtmsg = new byte[RtmsgLength];
        rtmsg[0] = family;
        return rtmsg;
    }

    /// <summary>
    /// Decodes one RTM_NEWROUTE payload (struct rtmsg + attributes) of an answer to an RTM_GETROUTE
    /// request: unlike a dump entry it is kept when flagged RTM_F_CLONED, which is how the kernel marks
    /// the answer it computed for one address (as opposed to a table entry, which RTM_F_FIB_MATCH returns).
    /// </summary>
    /// <param name="payload">The message payload.</param>
    /// <param name="interfaceNames">ifindex → name.</param>
    /// <param name="into">Where the route (one row per next hop) goes; nothing for a family this model has no routes of.</param>
    /// <returns>True when the message carried RTM_F_CLONED.</returns>
    public static bool DecodeAnswer(ReadOnlySpan<byte> payload, IReadOnlyDictionary<int, string> interfaceNames, List<Route> into)
    {
        DecodeRoute(payload, interfaceNames, null, keepCloned: true, into);
        return (BinaryPrimitives.ReadUInt32LittleEndian(payload.Slice(8)) & RTM_F_CLONED) != 0;
    }

    private static void DecodeRoute(ReadOnlySpan<byte> payload, IReadOnlyDictionary<int, string> names, Func<long, bool>? includeTable, bool keepCloned, List<Route> into)
    {
        if (payload.Length < RtmsgLength)
        {
            throw new NetstatDecodeException($"An RTM_NEWROUTE payload of {payload.Length} bytes is shorter than struct rtmsg.");
        }

        byte af = payload[0];
        IPAddressFamily family;
        int addressLength;
        if (af == AF_INET)
        {
            family = IPAddressFamily.IPv4;
            addressLength = 4;
        }
        else if (af == AF_INET6)
        {
            family = IPAddressFamily.IPv6;
            addressLength = 16;
        }
        else
        {
            return; // multicast routing (RTNL_FAMILY_IPMR …) and MPLS tables are not routes of this model
        }

        int prefixLength = payload[1];
        if (prefixLength > addressLength * 8)
        {
            throw new NetstatDecodeException($"A route prefix length of {prefixLength} is too long for {family}.");
        }

        long table = payload[4];
        byte protocol = payload[5];
        byte scope = payload[6];
        byte type = payload[7];
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(payload.Slice(8));
        if ((flags & RTM_F_CLONED) != 0 && !keepCloned)
        {
            return; // route cache / exception entries are not part of the table
        }

        string? destination = null, gateway = null, prefsrc = null;
        int? oif = null, mtu = null;
        long? priority = null, nextHopId = null;
        string? preference = null;
        ReadOnlySpan<byte> multipath = default;
        bool hasMultipath = false;
        var attributes = new NetlinkAttributeEnumerator(payload.Slice(RtmsgLength));
        while (attributes.MoveNext())
        {
            ReadOnlySpan<byte> value = attributes.Value;
            switch (attributes.Type)
            {
                case RTA_DST:
                    destination = AddressOf(value, addressLength, "RTA_DST");
                    break;
                case RTA_GATEWAY:
                    gateway = AddressOf(value, addressLength, "RTA_GATEWAY");
                    break;
                case RTA_VIA:
                    gateway = Via(value);
                    break;
                case RTA_PREFSRC:
                    prefsrc = AddressOf(value, addressLength, "RTA_PREFSRC");
                    break;
                case RTA_OIF:
                    oif = (int)U32(value, "RTA_OIF");
                    break;
                case RTA_PRIORITY:
                    priority = U32(value, "RTA_PRIORITY");
                    break;
                case RTA_TABLE:
                    table = U32(value, "RTA_TABLE");
                    break;
                case RTA_NH_ID:
                    nextHopId = U32(value, "RTA_NH_ID");
                    break;
                case RTA_PREF:
                    if (value.Length < 1)
                    {
                        throw new NetstatDecodeException("RTA_PREF is empty.");
                    }

                    preference = LinuxRouteNames.PreferenceName(value[0]);
                    break;
                case RTA_METRICS:
                    mtu = Mtu(value) ?? mtu;
                    break;
                case RTA_MULTIPATH:
                    multipath = value;
                    hasMultipath = true;
                    break;
            }
        }

        if (includeTable is not null && !includeTable(table))
        {
            return;
        }

        var template = new Route
        {
            AddressFamily = family,
            Destination = destination ?? AddressText.Unspecified(family),
            PrefixLength = prefixLength,
            InterfaceAddress = prefsrc,

            // The kernel omits RTA_PRIORITY when it is 0 (IPv4's usual metric), so absent means 0.
            Metric = priority ?? 0,
            RouteMetric = priority ?? 0,
            Protocol = LinuxRouteNames.ProtocolName(protocol),
            Type = LinuxRouteNames.TypeName(type),
            Table = table,
            TableName = LinuxRouteNames.TableName(table),
            Scope = LinuxRouteNames.ScopeName(scope),
            Mtu = mtu,
            Preference = preference,
            NextHopId = nextHopId,
            Source = SourceName,
        };

        if (!hasMultipath)
        {
            into.Add(WithNextHop(template, gateway, oif, (byte)flags, null, names, protocol));
            return;
        }

        // struct rtnexthop { u16 rtnh_len; u8 rtnh_flags; u8 rtnh_hops; s32 rtnh_ifindex; } + attributes,
        // RTNH_ALIGN'ed; rtnh_hops is the weight minus one (ip route prints it as "weight N").
        int offset = 0;
        while (multipath.Length - offset >= 8)
        {
            ReadOnlySpan<byte> nh = multipath.Slice(offset);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(nh);
            if (length < 8 || length > nh.Length)
            {
                throw new NetstatDecodeException($"An rtnexthop length of {length} is outside 8..{nh.Length}.");
            }

            byte nhFlags = nh[2];
            int weight = nh[3] + 1;
            int ifindex = BinaryPrimitives.ReadInt32LittleEndian(nh.Slice(4));
            string? nhGateway = null;
            var nhAttributes = new NetlinkAttributeEnumerator(nh.Slice(8, length - 8));
            while (nhAttributes.MoveNext())
            {
                if (nhAttributes.Type == RTA_GATEWAY)
                {
                    nhGateway = AddressOf(nhAttributes.Value, addressLength, "RTA_GATEWAY");
                }
                else if (nhAttributes.Type == RTA_VIA)
                {
                    nhGateway = Via(nhAttributes.Value);
                }
            }

            into.Add(WithNextHop(template, nhGateway, ifindex, nhFlags, weight, names, protocol));
            offset += (length + 3) & ~3;
        }
    }

    private static Route WithNextHop(Route t, string? gateway, int? oif, byte nhFlags, int? weight, IReadOnlyDictionary<int, string> names, byte protocol)
    {
        bool host = t.PrefixLength == (t.AddressFamily == IPAddressFamily.IPv4 ? 32 : 128);
        string? name = null;
        if (oif is int index && index > 0)
        {
            names.TryGetValue(index, out name);
        }

        // A gateway flagged "onlink" (RTNH_F_ONLINK) is still a gateway: IsOnLink means "no gateway" here.
        return new Route
        {
            AddressFamily = t.AddressFamily,
            Destination = t.Destination,
            PrefixLength = t.PrefixLength,
            NextHop = gateway ?? AddressText.Unspecified(t.AddressFamily),
            IsOnLink = gateway is null,
            InterfaceName = name,
            InterfaceIndex = oif is int i && i > 0 ? i : null,
            InterfaceAddress = t.InterfaceAddress,
            Metric = t.Metric,
            RouteMetric = t.RouteMetric,
            Protocol = t.Protocol,
            Type = t.Type,
            Table = t.Table,
            TableName = t.TableName,
            Scope = t.Scope,
            Flags = LinuxRouteNames.Flags(
                up: (nhFlags & RTNH_F_DEAD) == 0,
                gateway: gateway is not null,
                host: host,
                reject: LinuxRouteNames.IsReject(t.Type),
                dynamic: protocol == RTPROT_REDIRECT,
                addrconf: protocol == RTPROT_RA),
            Mtu = t.Mtu,
            Preference = t.Preference,
            Weight = weight,
            NextHopId = t.NextHopId,
            Source = t.Source,
        };
    }

    private static string AddressOf(ReadOnlySpan<byte> value, int length, string what)
    {
        if (value.Length != length)
        {
            throw new NetstatDecodeException($"{what} has {value.Length} bytes, expected {length}.");
        }

        return AddressText.Format(value);
    }

    // struct rtvia { __kernel_sa_family_t rtvia_family; __u8 rtvia_addr[]; } (IPv4 routes via an IPv6 next hop).
    private static string Via(ReadOnlySpan<byte> value)
    {
        if (value.Length < 2)
        {
            throw new NetstatDecodeException("RTA_VIA is shorter than its family field.");
        }

        ushort af = BinaryPrimitives.ReadUInt16LittleEndian(value);
        int length = af == AF_INET ? 4 : af == AF_INET6 ? 16 : -1;
        if (length < 0 || value.Length < 2 + length)
        {
            throw new NetstatDecodeException($"RTA_VIA of family {af} with {value.Length - 2} address bytes is not an IP address.");
        }

        return AddressText.Format(value.Slice(2, length));
    }

    private static uint U32(ReadOnlySpan<byte> value, string what)
    {
        if (value.Length < 4)
        {
            throw new NetstatDecodeException($"{what} has {value.Length} bytes, expected 4.");
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(value);
    }

    private static int? Mtu(ReadOnlySpan<byte> metrics)
    {
        int? mtu = null;
        var nested = new NetlinkAttributeEnumerator(metrics);
        while (nested.MoveNext())
        {
            if (nested.Type == RTAX_MTU)
            {
                mtu = (int)U32(nested.Value, "RTAX_MTU");
            }
        }

        return mtu;
    }
}
