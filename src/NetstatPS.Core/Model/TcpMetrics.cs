namespace NetstatPS;

/// <summary>
/// Per-connection TCP internals, what <c>ss -i</c> prints (Linux: struct tcp_info from INET_DIAG_INFO;
/// Windows: GetPerTcpConnectionEStats). Every value is null when the kernel's structure is too old to
/// carry it or the OS does not measure it.
/// </summary>
public sealed class TcpMetrics
{
    /// <summary>Congestion control algorithm (cubic, bbr, reno …).</summary>
    public string? CongestionAlgorithm { get; internal set; }

    /// <summary>Smoothed round-trip time in milliseconds (ss: rtt).</summary>
    public double? RoundTripTimeMs { get; internal set; }

    /// <summary>Round-trip time variance in milliseconds (ss: the number after rtt's slash).</summary>
    public double? RoundTripTimeVarianceMs { get; internal set; }

    /// <summary>Lowest round-trip time seen, in milliseconds (ss: minrtt).</summary>
    public double? MinRoundTripTimeMs { get; internal set; }

    /// <summary>Retransmission timeout in milliseconds (ss: rto).</summary>
    public double? RetransmitTimeoutMs { get; internal set; }

    /// <summary>Delayed-ACK timeout in milliseconds (ss: ato).</summary>
    public double? AckTimeoutMs { get; internal set; }

    /// <summary>Maximum segment size in bytes (ss: mss).</summary>
    public long? MaxSegmentSize { get; internal set; }

    /// <summary>Path MTU in bytes (ss: pmtu).</summary>
    public long? PathMtu { get; internal set; }

    /// <summary>Congestion window in segments (ss: cwnd).</summary>
    public long? CongestionWindow { get; internal set; }

    /// <summary>Slow-start threshold in segments (ss: ssthresh); null while still in initial slow start.</summary>
    public long? SlowStartThreshold { get; internal set; }

    /// <summary>The peer's advertised receive window in bytes (ss: snd_wnd).</summary>
    public long? SendWindow { get; internal set; }

    /// <summary>Receive space in bytes (ss: rcv_space).</summary>
    public long? ReceiveSpace { get; internal set; }

    /// <summary>Segments currently being retransmitted (ss: the first number of retrans).</summary>
    public long? Retransmits { get; internal set; }

    /// <summary>Retransmitted segments over the connection's life (ss: the second number of retrans).</summary>
    public long? TotalRetransmits { get; internal set; }

    /// <summary>Segments currently considered lost (ss: lost).</summary>
    public long? LostSegments { get; internal set; }

    /// <summary>Reordering degree seen (ss: reordering).</summary>
    public long? Reordering { get; internal set; }

    /// <summary>Bytes sent, retransmissions included (ss: bytes_sent).</summary>
    public long? BytesSent { get; internal set; }

    /// <summary>Bytes the peer acknowledged (ss: bytes_acked).</summary>
    public long? BytesAcked { get; internal set; }

    /// <summary>Bytes received (ss: bytes_received).</summary>
    public long? BytesReceived { get; internal set; }

    /// <summary>Bytes retransmitted (ss: bytes_retrans).</summary>
    public long? BytesRetransmitted { get; internal set; }

    /// <summary>Segments sent (ss: segs_out).</summary>
    public long? SegmentsSent { get; internal set; }

    /// <summary>Segments received (ss: segs_in).</summary>
    public long? SegmentsReceived { get; internal set; }

    /// <summary>Segments sent that carried data (ss: data_segs_out).</summary>
    public long? DataSegmentsSent { get; internal set; }

    /// <summary>Segments received that carried data (ss: data_segs_in).</summary>
    public long? DataSegmentsReceived { get; internal set; }

    /// <summary>Bytes written by the application but not yet sent (ss: notsent).</summary>
    public long? NotSentBytes { get; internal set; }

    /// <summary>Estimated delivery rate in bytes per second (ss: delivery_rate).</summary>
    public long? DeliveryRateBytesPerSecond { get; internal set; }

    /// <summary>Pacing rate in bytes per second (ss: pacing_rate).</summary>
    public long? PacingRateBytesPerSecond { get; internal set; }

    /// <summary>Milliseconds since data was last sent (ss: lastsnd).</summary>
    public long? LastDataSentMs { get; internal set; }

    /// <summary>Milliseconds since data was last received (ss: lastrcv).</summary>
    public long? LastDataReceivedMs { get; internal set; }

    /// <summary>Milliseconds since an ACK was last received (ss: lastack).</summary>
    public long? LastAckReceivedMs { get; internal set; }

    /// <summary>Milliseconds the connection was busy sending (ss: busy).</summary>
    public long? BusyTimeMs { get; internal set; }

    /// <summary>Milliseconds limited by the receive window (ss: rwnd_limited).</summary>
    public long? ReceiveWindowLimitedMs { get; internal set; }

    /// <summary>Milliseconds limited by the send buffer (ss: sndbuf_limited).</summary>
    public long? SendBufferLimitedMs { get; internal set; }
}
