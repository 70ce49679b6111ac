namespace NetstatPS;

/// <summary>IPv4 or IPv6 counters, named after netstat -s's "IPv4 Statistics" labels (RFC 4293 ipSystemStats).</summary>
public sealed class IPStatistic : ProtocolStatistic
{
    /// <summary>True when the host forwards packets (acts as a router); null when unknown.</summary>
    public bool? Forwarding { get; internal set; }

    /// <summary>Default TTL / hop limit for outgoing packets; null when unknown.</summary>
    public long? DefaultTtl { get; internal set; }

    /// <summary>Packets Received (InReceives).</summary>
    public ulong? PacketsReceived { get; internal set; }

    /// <summary>Received Header Errors (InHdrErrors).</summary>
    public ulong? ReceivedHeaderErrors { get; internal set; }

    /// <summary>Received Address Errors (InAddrErrors).</summary>
    public ulong? ReceivedAddressErrors { get; internal set; }

    /// <summary>Datagrams Forwarded (ForwDatagrams).</summary>
    public ulong? DatagramsForwarded { get; internal set; }

    /// <summary>Unknown Protocols Received (InUnknownProtos).</summary>
    public ulong? UnknownProtocolsReceived { get; internal set; }

    /// <summary>Received Packets Discarded (InDiscards).</summary>
    public ulong? ReceivedPacketsDiscarded { get; internal set; }

    /// <summary>Received Packets Delivered (InDelivers).</summary>
    public ulong? ReceivedPacketsDelivered { get; internal set; }

    /// <summary>Output Requests (OutRequests).</summary>
    public ulong? OutputRequests { get; internal set; }

    /// <summary>Routing Discards; null where the OS does not count them (Linux).</summary>
    public ulong? RoutingDiscards { get; internal set; }

    /// <summary>Discarded Output Packets (OutDiscards).</summary>
    public ulong? DiscardedOutputPackets { get; internal set; }

    /// <summary>Output Packet No Route (OutNoRoutes).</summary>
    public ulong? OutputPacketNoRoute { get; internal set; }

    /// <summary>Reassembly Required (ReasmReqds).</summary>
    public ulong? ReassemblyRequired { get; internal set; }

    /// <summary>Reassembly Successful (ReasmOKs).</summary>
    public ulong? ReassemblySuccessful { get; internal set; }

    /// <summary>Reassembly Failures (ReasmFails).</summary>
    public ulong? ReassemblyFailures { get; internal set; }

    /// <summary>Reassembly Timeouts (ReasmTimeout); null where not counted.</summary>
    public ulong? ReassemblyTimeouts { get; internal set; }

    /// <summary>Datagrams Successfully Fragmented (FragOKs).</summary>
    public ulong? DatagramsSuccessfullyFragmented { get; internal set; }

    /// <summary>Datagrams Failing Fragmentation (FragFails).</summary>
    public ulong? DatagramsFailingFragmentation { get; internal set; }

    /// <summary>Fragments Created (FragCreates).</summary>
    public ulong? FragmentsCreated { get; internal set; }

    /// <summary>Octets received (Linux IpExt InOctets / Ip6InOctets); null where not counted.</summary>
    public ulong? OctetsReceived { get; internal set; }

    /// <summary>Octets sent (Linux IpExt OutOctets / Ip6OutOctets); null where not counted.</summary>
    public ulong? OctetsSent { get; internal set; }
}
