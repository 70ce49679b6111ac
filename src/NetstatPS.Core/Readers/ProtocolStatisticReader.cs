using System;
using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Sampling;

namespace NetstatPS.Readers;

/// <summary>
/// Answers a <see cref="ProtocolQuery"/>. A request for a family the OS does not split (TCPv6 on Linux)
/// returns the one object that covers both families, once, however many names asked for it.
/// </summary>
public static class ProtocolStatisticReader
{
    /// <summary>Reads protocol counters on this OS.</summary>
    /// <param name="query">The query.</param>
    /// <returns>The rows and warnings.</returns>
    public static QueryResult<ProtocolStatistic> Read(ProtocolQuery query) => Read(NetstatPlatform.Current, query);

    internal static QueryResult<ProtocolStatistic> Read(INetstatProvider provider, ProtocolQuery query)
    {
        var warnings = new WarningCollector();
        var rows = new List<ProtocolStatistic>();
        var clock = SampleClock.Read();
        provider.Protocols.Read(rows, warnings);
        clock.Stamp(rows);

        if (query.Protocols.Count > 0)
        {
            rows.RemoveAll(row => !IsRequested(query.Protocols, row));
        }

        return new QueryResult<ProtocolStatistic>(rows, warnings.Items);
    }

    /// <summary>True when <paramref name="row"/> answers <paramref name="requested"/> (the one Linux TCP object answers TCP and TCPv6).</summary>
    /// <param name="requested">A protocol name as given to -Protocol.</param>
    /// <param name="row">A statistics object.</param>
    /// <returns>Whether the row answers that name.</returns>
    public static bool Answers(StatisticProtocol requested, ProtocolStatistic row) => IsRequested(new[] { requested }, row);

    /// <summary>True when <paramref name="row"/> answers one of the requested names.</summary>
    internal static bool IsRequested(IReadOnlyCollection<StatisticProtocol> requested, ProtocolStatistic row)
    {
        foreach (StatisticProtocol p in requested)
        {
            (string kind, IPAddressFamily family) = Describe(p);
            if (string.Equals(KindOf(row.Protocol), kind, StringComparison.OrdinalIgnoreCase) &&
                (row.AddressFamily is null || row.AddressFamily == family))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Kind, IPAddressFamily Family) Describe(StatisticProtocol p) => p switch
    {
        StatisticProtocol.IP => ("IP", IPAddressFamily.IPv4),
        StatisticProtocol.IPv6 => ("IP", IPAddressFamily.IPv6),
        StatisticProtocol.ICMP => ("ICMP", IPAddressFamily.IPv4),
        StatisticProtocol.ICMPv6 => ("ICMP", IPAddressFamily.IPv6),
        StatisticProtocol.TCP => ("TCP", IPAddressFamily.IPv4),
        StatisticProtocol.TCPv6 => ("TCP", IPAddressFamily.IPv6),
        StatisticProtocol.UDP => ("UDP", IPAddressFamily.IPv4),
        StatisticProtocol.UDPv6 => ("UDP", IPAddressFamily.IPv6),
        StatisticProtocol.UDPLite => ("UDPLite", IPAddressFamily.IPv4),
        _ => ("UDPLite", IPAddressFamily.IPv6),
    };

    // "TCPv6" → "TCP", "IPv4" → "IP", "UDPLitev4" → "UDPLite", "TCP" → "TCP".
    private static string KindOf(string protocol) =>
        protocol.EndsWith("v4", StringComparison.OrdinalIgnoreCase) || protocol.EndsWith("v6", StringComparison.OrdinalIgnoreCase)
            ? protocol.Substring(0, protocol.Length - 2)
            : protocol;
}
