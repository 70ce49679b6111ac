namespace NetstatPS;

/// <summary>The transport protocol of a socket.</summary>
/// <remarks>
/// Tcp, Udp and Raw carry their IP protocol numbers (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_RAW). Unix is
/// not an IP protocol: its value lies outside the 0–255 range of IP protocol numbers so that
/// <c>[int]$_.Protocol</c> is never mistaken for one.
/// </remarks>
public enum TransportProtocol
{
    /// <summary>TCP (netstat's "TCP", ss's "tcp").</summary>
    Tcp = 6,

    /// <summary>UDP (netstat's "UDP", ss's "udp").</summary>
    Udp = 17,

    /// <summary>Raw IP sockets (netstat -w, ss -w; Linux only): the local port is the socket's IP protocol number.</summary>
    Raw = 255,

    /// <summary>Unix domain sockets (netstat -x, ss -x; Linux only): stream, datagram and seqpacket.</summary>
    Unix = 256,
}
