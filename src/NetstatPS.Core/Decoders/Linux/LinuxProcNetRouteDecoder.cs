using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/route (IPv4, the main table) and /proc/net/ipv6_route (IPv6, every table without
/// its id) into the same Route objects the netlink decoder gives for what both can express. Pure.
/// </summary>
/// <remarks>
/// /proc/net/route is a header line and tab-separated rows; addresses are the __be32 printed with %08X,
/// so "010200C0" is 192.0.2.1: <c>eth0 00000000 010200C0 0003 0 0 0 00000000 0 0 0</c> becomes
/// Route {0.0.0.0/0, NextHop 192.0.2.1, InterfaceName eth0, Metric 0, Flags "UG", Table 254}.
/// /proc/net/ipv6_route has no header: dest, dst_len, src, src_len, next hop, metric, refcnt, use,
/// flags (all hex) and the device. What /proc cannot say is null (Protocol, Scope, InterfaceAddress,
/// Mtu — the MTU column of /proc/net/route is advmss + 40, not the route MTU); a reject route's exact
/// kind (unreachable, prohibit, blackhole) is not in /proc and is given as Unreachable; IPv4 blackhole
/// routes look like unicast routes without a device; IPv6 routes of policy tables are reported as main.
/// </remarks>
internal static class LinuxProcNetRouteDecoder
{
    /// <summary>The Source of routes read from /proc.</summary>
    public const string SourceName = "ProcNet";

    private const uint RTF_UP = 0x1;
    private const uint RTF_GATEWAY = 0x2;
    private const uint RTF_DYNAMIC = 0x10;
    private const uint RTF_MODIFIED = 0x20;
    private const uint RTF_REJECT = 0x200;
    private const uint RTF_ADDRCONF = 0x40000;
    private const uint RTF_ANYCAST = 0x100000;
    private const uint RTF_NONEXTHOP = 0x200000;
    private const uint RTF_CACHE = 0x1000000;
    private const uint RTF_LOCAL = 0x80000000;

    /// <summary>Decodes /proc/net/route.</summary>
    /// <param name="text">The file's bytes.</param>
    /// <param name="interfaceIndexes">Interface name → index, null when unknown.</param>
    /// <param name="into">Where routes go.</param>
    public static void DecodeIPv4(ReadOnlySpan<byte> text, Func<string, int?> interfaceIndexes, List<Route> into)
    {
        ReadOnlySpan<byte> rest = text;
        if (!LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> header))
        {
            return; // an empty file: no routes (the kernel always prints the header, but empty means nothing to say)
        }

        int iface = -1, destination = -1, gateway = -1, flags = -1, metric = -1, mask = -1, count = 0;
        ReadOnlySpan<byte> h = header;
        while (LinuxProcText.NextField(ref h, out ReadOnlySpan<byte> name))
        {
            string n = LinuxProcText.Text(name);
            switch (n)
            {
                case "Iface": iface = count; break;
                case "Destination": destination = count; break;
                case "Gateway": gateway = count; break;
                case "Flags": flags = count; break;
                case "Metric": metric = count; break;
                case "Mask": mask = count; break;
            }

            count++;
        }

        if (iface < 0 || destination < 0 || gateway < 0 || flags < 0 || metric < 0 || mask < 0)
        {
            throw new NetstatDecodeException("/proc/net/route's header lacks one of Iface, Destination, Gateway, Flags, Metric, Mask.");
        }

        Span<byte> address = stackalloc byte[4];
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            if (LinuxProcText.IsBlankLine(line))
            {
                continue;
            }

            string? device = null;
            uint dst = 0, gw = 0, fl = 0, mk = 0;
            long met = 0;
            int seen = 0;
            ReadOnlySpan<byte> l = line;
            while (LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> field))
            {
                if (seen == iface)
                {
                    device = LinuxProcText.Text(field);
                }
                else if (seen == destination)
                {
                    dst = Hex32(field, "Destination");
                }
                else if (seen == gateway)
                {
                    gw = Hex32(field, "Gateway");
                }
                else if (seen == flags)
                {
                    fl = Hex32(field, "Flags");
                }
                else if (seen == metric)
                {
                    met = LinuxProcText.ParseInt64(field, "/proc/net/route Metric");
                }
                else if (seen == mask)
                {
                    mk = Hex32(field, "Mask");
                }

                seen++;
            }

            if (seen < count)
            {
                throw new NetstatDecodeException($"A /proc/net/route row has {seen} fields, the header {count}.");
            }

            // %08X of a __be32 read as a host (little-endian) integer: its little-endian bytes are the network-order address.
            BinaryPrimitives.WriteUInt32LittleEndian(address, mk);
            int prefix = PrefixLength(BinaryPrimitives.ReadUInt32BigEndian(address));
            BinaryPrimitives.WriteUInt32LittleEndian(address, dst);
            string destinationText = AddressText.Format(address);
            string? gatewayText = null;
            if ((fl & RTF_GATEWAY) != 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(address, gw);
                gatewayText = AddressText.Format(address);
            }

            bool reject = (fl & RTF_REJECT) != 0;
            into.Add(Create(IPAddressFamily.IPv4, destinationText, prefix, gatewayText, device == "*" ? null : device, interfaceIndexes, met, reject ? "Unreachable" : "Unicast", LinuxRouteNames.MainTable, fl, null));
        }
    }

    /// <summary>Decodes /proc/net/ipv6_route.</summary>
    /// <param name="text">The file's bytes.</param>
    /// <param name="interfaceIndexes">Interface name → index.</param>
    /// <param name="into">Where routes go.</param>
    public static void DecodeIPv6(ReadOnlySpan<byte> text, Func<string, int?> interfaceIndexes, List<Route> into)
    {
        ReadOnlySpan<byte> rest = text;
        Span<byte> dst = stackalloc byte[16];
        Span<byte> gw = stackalloc byte[16];
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            if (LinuxProcText.IsBlankLine(line))
            {
                continue;
            }

            ReadOnlySpan<byte> l = line;
            if (!LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> f0) || !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> f1) ||
                !LinuxProcText.NextField(ref l, out _) || !LinuxProcText.NextField(ref l, out _) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> f4) || !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> f5) ||
                !LinuxProcText.NextField(ref l, out _) || !LinuxProcText.NextField(ref l, out _) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> f8) || !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> f9))
            {
                throw new NetstatDecodeException("A /proc/net/ipv6_route row has fewer than 10 fields.");
            }

            LinuxProcText.ParseHexBytes(f0, dst, "ipv6_route destination");
            ulong prefixValue = LinuxProcText.ParseHex(f1, "ipv6_route prefix length");
            if (prefixValue > 128)
            {
                throw new NetstatDecodeException($"ipv6_route prefix length {prefixValue} is over 128.");
            }

            int prefix = (int)prefixValue;

            LinuxProcText.ParseHexBytes(f4, gw, "ipv6_route next hop");
            uint metric = Hex32(f5, "ipv6_route metric");
            uint fl = Hex32(f8, "ipv6_route flags");
            string device = LinuxProcText.Text(f9);
            if ((fl & RTF_CACHE) != 0)
            {
                continue; // cloned/exception entries, like RTM_F_CLONED in the dump
            }

            if (prefix == 0 && metric == uint.MaxValue && (fl & (RTF_REJECT | RTF_NONEXTHOP)) == (RTF_REJECT | RTF_NONEXTHOP))
            {
                continue; // the kernel's ip6_null_entry, printed by /proc but not a route of any table (rtnetlink omits it)
            }

            string type = (fl & RTF_LOCAL) != 0 ? "Local"
                : (fl & RTF_ANYCAST) != 0 ? "Anycast"
                : (fl & RTF_REJECT) != 0 ? "Unreachable"
                : dst[0] == 0xFF && prefix >= 8 ? "Multicast"
                : "Unicast";

            // The local table holds local, anycast and multicast routes (ip -6 route show table local).
            long table = type is "Local" or "Anycast" or "Multicast" ? LinuxRouteNames.LocalTable : LinuxRouteNames.MainTable;
            string? gateway = (fl & RTF_GATEWAY) != 0 ? AddressText.Format(gw) : null;
            Route r = Create(IPAddressFamily.IPv6, AddressText.Format(dst), prefix, gateway, device, interfaceIndexes, metric, type, table, fl, LinuxRouteNames.PreferenceName((int)((fl >> 27) & 3)));
            into.Add(r);
        }
    }

    private static Route Create(IPAddressFamily family, string destination, int prefix, string? gateway, string? device, Func<string, int?> indexes, long metric, string type, long table, uint fl, string? preference)
    {
        int? index = device is null ? null : indexes(device);

        return new Route
        {
            AddressFamily = family,
            Destination = destination,
            PrefixLength = prefix,
            NextHop = gateway ?? AddressText.Unspecified(family),
            IsOnLink = gateway is null,
            InterfaceName = device,
            InterfaceIndex = index,
            Metric = metric,
            RouteMetric = metric,
            Type = type,
            Table = table,
            TableName = LinuxRouteNames.TableName(table),
            Flags = LinuxRouteNames.Flags(
                up: (fl & RTF_UP) != 0,
                gateway: gateway is not null,
                host: prefix == (family == IPAddressFamily.IPv4 ? 32 : 128),
                reject: (fl & RTF_REJECT) != 0,
                dynamic: (fl & RTF_DYNAMIC) != 0,
                modified: (fl & RTF_MODIFIED) != 0,
                addrconf: (fl & RTF_ADDRCONF) != 0),
            Preference = preference,
            Source = SourceName,
        };
    }

    private static uint Hex32(ReadOnlySpan<byte> field, string what)
    {
        ulong v = LinuxProcText.ParseHex(field, what);
        if (v > uint.MaxValue)
        {
            throw new NetstatDecodeException($"{what}: {v:X} does not fit 32 bits.");
        }

        return (uint)v;
    }

    private static int PrefixLength(uint mask)
    {
        int bits = 0;
        while (bits < 32 && (mask & (0x80000000u >> bits)) != 0)
        {
            bits++;
        }

        if (bits < 32 && (mask << bits) != 0)
        {
            throw new NetstatDecodeException($"Netmask {mask:X8} is not contiguous.");
        }

        return bits;
    }
}
