namespace NetstatPS;

/// <summary>UDP (or UDP-Lite) counters named after netstat -s's "UDP Statistics" labels.</summary>
public sealed class UdpStatistic : ProtocolStatistic
{
    /// <summary>Datagrams Received (InDatagrams).</summary>
    public ulong? DatagramsReceived { get; internal set; }

    /// <summary>No Ports: datagrams for a port nobody listens on.</summary>
    public ulong? NoPorts { get; internal set; }

    /// <summary>Receive Errors (InErrors).</summary>
    public ulong? ReceiveErrors { get; internal set; }

    /// <summary>Datagrams Sent (OutDatagrams).</summary>
    public ulong? DatagramsSent { get; internal set; }

    /// <summary>Datagrams dropped because the socket receive buffer was full (Linux RcvbufErrors).</summary>
    public ulong? ReceiveBufferErrors { get; internal set; }

    /// <summary>Datagrams dropped because the socket send buffer was full (Linux SndbufErrors).</summary>
    public ulong? SendBufferErrors { get; internal set; }

    /// <summary>Datagrams with a bad checksum (InCsumErrors).</summary>
    public ulong? ChecksumErrors { get; internal set; }

    /// <summary>Multicast/broadcast datagrams with no listener, ignored (Linux IgnoredMulti).</summary>
    public ulong? IgnoredMulticast { get; internal set; }

    /// <summary>Datagrams dropped for lack of memory (Linux MemErrors).</summary>
    public ulong? MemoryErrors { get; internal set; }

    /// <summary>Local endpoints in the UDP table (Windows dwNumAddrs), a gauge; null where not given.</summary>
    public long? Endpoints { get; internal set; }
}
