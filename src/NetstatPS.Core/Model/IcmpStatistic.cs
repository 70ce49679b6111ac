using System.Collections.Specialized;

namespace NetstatPS;

/// <summary>
/// ICMPv4 or ICMPv6 counters: netstat -s's "ICMPv4 Statistics" table, totals plus one entry per
/// message type in <see cref="Received"/> and <see cref="Sent"/>.
/// </summary>
public sealed class IcmpStatistic : ProtocolStatistic
{
    /// <summary>Messages received (InMsgs).</summary>
    public ulong? MessagesReceived { get; internal set; }

    /// <summary>Messages sent (OutMsgs).</summary>
    public ulong? MessagesSent { get; internal set; }

    /// <summary>Errors received (InErrors).</summary>
    public ulong? ErrorsReceived { get; internal set; }

    /// <summary>Errors sent (OutErrors).</summary>
    public ulong? ErrorsSent { get; internal set; }

    /// <summary>Received messages with a bad checksum (InCsumErrors); null where not counted.</summary>
    public ulong? ChecksumErrors { get; internal set; }

    /// <summary>Messages received per type, keyed by type name (EchoRequest, DestinationUnreachable …; unnamed types as Type42).</summary>
    public OrderedDictionary Received { get; internal set; } = CounterDictionary.Create();

    /// <summary>Messages sent per type, keyed like <see cref="Received"/>.</summary>
    public OrderedDictionary Sent { get; internal set; } = CounterDictionary.Create();
}
