using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Reads protocol counters (one implementation per OS).</summary>
internal interface IProtocolStatisticSource
{
    /// <summary>
    /// Appends one object per protocol and family the OS counts, in netstat -s order (IPv4, IPv6, ICMPv4,
    /// ICMPv6, TCP…, UDP…). Where the OS keeps one set for both families it appears once.
    /// </summary>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Read(List<ProtocolStatistic> into, WarningCollector warnings);
}
