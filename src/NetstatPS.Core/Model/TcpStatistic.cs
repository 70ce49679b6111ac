namespace NetstatPS;

/// <summary>
/// TCP counters named after netstat -s's "TCP Statistics" labels (RFC 4022 tcp group). On Linux one
/// object covers IPv4 and IPv6 together (the kernel keeps one set), with AddressFamily null and a Note.
/// </summary>
public sealed class TcpStatistic : ProtocolStatistic
{
    /// <summary>Retransmission timeout algorithm (1 other, 2 constant, 3 rsre, 4 vanj); a setting, not a counter.</summary>
    public long? RtoAlgorithm { get; internal set; }

    /// <summary>Minimum retransmission timeout in milliseconds.</summary>
    public long? RtoMinMs { get; internal set; }

    /// <summary>Maximum retransmission timeout in milliseconds.</summary>
    public long? RtoMaxMs { get; internal set; }

    /// <summary>Connection limit; -1 when dynamic.</summary>
    public long? MaxConnections { get; internal set; }

    /// <summary>Active Opens.</summary>
    public ulong? ActiveOpens { get; internal set; }

    /// <summary>Passive Opens.</summary>
    public ulong? PassiveOpens { get; internal set; }

    /// <summary>Failed Connection Attempts (AttemptFails).</summary>
    public ulong? FailedConnectionAttempts { get; internal set; }

    /// <summary>Reset Connections (EstabResets).</summary>
    public ulong? ResetConnections { get; internal set; }

    /// <summary>Current Connections (CurrEstab), a gauge: the number now, not a count of events.</summary>
    public long? CurrentConnections { get; internal set; }

    /// <summary>Segments Received (InSegs).</summary>
    public ulong? SegmentsReceived { get; internal set; }

    /// <summary>Segments Sent (OutSegs).</summary>
    public ulong? SegmentsSent { get; internal set; }

    /// <summary>Segments Retransmitted (RetransSegs).</summary>
    public ulong? SegmentsRetransmitted { get; internal set; }

    /// <summary>Segments received in error (InErrs).</summary>
    public ulong? ReceiveErrors { get; internal set; }

    /// <summary>Segments sent with RST (OutRsts).</summary>
    public ulong? ResetsSent { get; internal set; }

    /// <summary>Segments received with a bad checksum (InCsumErrors); null where not counted.</summary>
    public ulong? ChecksumErrors { get; internal set; }
}
