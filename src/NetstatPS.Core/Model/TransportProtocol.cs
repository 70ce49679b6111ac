namespace NetstatPS;

/// <summary>The transport protocol of a socket.</summary>
public enum TransportProtocol
{
    /// <summary>TCP (netstat's "TCP", ss's "tcp").</summary>
    Tcp = 6,

    /// <summary>UDP (netstat's "UDP", ss's "udp").</summary>
    Udp = 17,
}
