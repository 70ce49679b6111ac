namespace NetstatPS;

/// <summary>
/// The protocol names netstat -s -p accepts (IP, IPv6, ICMP, ICMPv6, TCP, TCPv6, UDP, UDPv6), plus the
/// explicit v4 spellings and UDP-Lite. Several names share a value where they mean the same thing.
/// </summary>
public enum StatisticProtocol
{
    /// <summary>IPv4 (netstat -p IP).</summary>
    IP = 1,

    /// <summary>Same as IP.</summary>
    IPv4 = 1,

    /// <summary>IPv6.</summary>
    IPv6 = 2,

    /// <summary>ICMPv4 (netstat -p ICMP).</summary>
    ICMP = 3,

    /// <summary>Same as ICMP.</summary>
    ICMPv4 = 3,

    /// <summary>ICMPv6.</summary>
    ICMPv6 = 4,

    /// <summary>TCP over IPv4 (netstat -p TCP). On Linux, the one TCP object that covers both families.</summary>
    TCP = 5,

    /// <summary>Same as TCP.</summary>
    TCPv4 = 5,

    /// <summary>TCP over IPv6. On Linux, the one TCP object that covers both families.</summary>
    TCPv6 = 6,

    /// <summary>UDP over IPv4 (netstat -p UDP).</summary>
    UDP = 7,

    /// <summary>Same as UDP.</summary>
    UDPv4 = 7,

    /// <summary>UDP over IPv6.</summary>
    UDPv6 = 8,

    /// <summary>UDP-Lite over IPv4 (Linux).</summary>
    UDPLite = 9,

    /// <summary>Same as UDPLite: the name the UDP-Lite over IPv4 object carries in its Protocol property.</summary>
    UDPLitev4 = 9,

    /// <summary>UDP-Lite over IPv6 (Linux).</summary>
    UDPLitev6 = 10,
}
