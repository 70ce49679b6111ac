using System.Globalization;
using System.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// The names rtnetlink's numbers get in Route objects (linux/rtnetlink.h), shared by the netlink and the
/// /proc decoders so both give identical objects, and netstat -r's flag letters.
/// </summary>
internal static class LinuxRouteNames
{
    /// <summary>RT_TABLE_MAIN.</summary>
    public const long MainTable = 254;

    /// <summary>RT_TABLE_LOCAL.</summary>
    public const long LocalTable = 255;

    /// <summary>RT_TABLE_DEFAULT.</summary>
    public const long DefaultTable = 253;

    /// <summary>The table's name as ip route prints it: main, local, default, else the number.</summary>
    /// <param name="table">The table id.</param>
    /// <returns>The name.</returns>
    public static string TableName(long table) => table switch
    {
        MainTable => "main",
        LocalTable => "local",
        DefaultTable => "default",
        _ => table.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a table name or number (main, local, default, 100).</summary>
    /// <param name="text">The name.</param>
    /// <param name="table">The table id.</param>
    /// <returns>Whether it is a table.</returns>
    public static bool TryParseTable(string text, out long table)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "MAIN":
                table = MainTable;
                return true;
            case "LOCAL":
                table = LocalTable;
                return true;
            case "DEFAULT":
                table = DefaultTable;
                return true;
            default:
                return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out table) && table <= uint.MaxValue;
        }
    }

    /// <summary>rtm_type (RTN_*) as a Route Type.</summary>
    /// <param name="type">The rtm_type.</param>
    /// <returns>The name.</returns>
    public static string TypeName(byte type) => type switch
    {
        0 => "Unspec",
        1 => "Unicast",
        2 => "Local",
        3 => "Broadcast",
        4 => "Anycast",
        5 => "Multicast",
        6 => "Blackhole",
        7 => "Unreachable",
        8 => "Prohibit",
        9 => "Throw",
        10 => "Nat",
        11 => "XResolve",
        _ => type.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>True for the route types that drop or refuse packets (netstat -r's "!").</summary>
    /// <param name="type">The Route Type.</param>
    /// <returns>Whether it rejects.</returns>
    public static bool IsReject(string type) =>
        type is "Blackhole" or "Unreachable" or "Prohibit" or "Throw";

    /// <summary>rtm_protocol (RTPROT_*) as ip route prints it (kernel, boot, static, ra, dhcp …), else the number.</summary>
    /// <param name="protocol">The rtm_protocol.</param>
    /// <returns>The name.</returns>
    public static string ProtocolName(byte protocol) => protocol switch
    {
        0 => "unspec",
        1 => "redirect",
        2 => "kernel",
        3 => "boot",
        4 => "static",
        8 => "gated",
        9 => "ra",
        10 => "mrt",
        11 => "zebra",
        12 => "bird",
        13 => "dnrouted",
        14 => "xorp",
        15 => "ntk",
        16 => "dhcp",
        17 => "mrouted",
        18 => "keepalived",
        42 => "babel",
        99 => "openr",
        186 => "bgp",
        187 => "isis",
        188 => "ospf",
        189 => "rip",
        192 => "eigrp",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>rtm_scope (RT_SCOPE_*) as a Route Scope.</summary>
    /// <param name="scope">The rtm_scope.</param>
    /// <returns>The name.</returns>
    public static string ScopeName(byte scope) => scope switch
    {
        0 => "Universe",
        200 => "Site",
        253 => "Link",
        254 => "Host",
        255 => "Nowhere",
        _ => scope.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>RTA_PREF / RTF_PREF (ICMPV6_ROUTER_PREF_*) as Low, Medium, High; null for the invalid value.</summary>
    /// <param name="preference">The 2-bit preference.</param>
    /// <returns>The name or null.</returns>
    public static string? PreferenceName(int preference) => preference switch
    {
        0 => "Medium",
        1 => "High",
        3 => "Low",
        _ => null,
    };

    /// <summary>
    /// netstat -r's flags as net-tools prints them: U (up), G (gateway), H (host route), then R, D, M, A, C;
    /// a reject route shows "!" in place of U and G (net-tools overwrites the letters so far).
    /// </summary>
    /// <param name="up">The route is usable (RTF_UP).</param>
    /// <param name="gateway">The route has a gateway.</param>
    /// <param name="host">The prefix is a single address (/32, /128).</param>
    /// <param name="reject">The route rejects packets.</param>
    /// <param name="dynamic">Installed by an ICMP redirect (D).</param>
    /// <param name="modified">Modified by an ICMP redirect (M).</param>
    /// <param name="addrconf">Installed by IPv6 autoconfiguration (A).</param>
    /// <returns>The letters.</returns>
    public static string Flags(bool up, bool gateway, bool host, bool reject, bool dynamic = false, bool modified = false, bool addrconf = false)
    {
        var flags = new StringBuilder(6);
        if (reject)
        {
            flags.Append('!');
        }
        else
        {
            if (up)
            {
                flags.Append('U');
            }

            if (gateway)
            {
                flags.Append('G');
            }
        }

        if (host)
        {
            flags.Append('H');
        }

        if (dynamic)
        {
            flags.Append('D');
        }

        if (modified)
        {
            flags.Append('M');
        }

        if (addrconf)
        {
            flags.Append('A');
        }

        return flags.ToString();
    }
}
