using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetstatPS.Abstractions;
using NetstatPS.Readers;
using NetstatPS.Sampling;

namespace NetstatPS.Commands;

/// <summary>
/// <para type="synopsis">Shows per-protocol counters: netstat -s [-p PROTO] and nstat, as objects.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "NetProtocolStatistic")]
[OutputType(typeof(IPStatistic), typeof(IcmpStatistic), typeof(TcpStatistic), typeof(UdpStatistic))]
public sealed class GetNetProtocolStatisticCommand : SamplingCmdlet
{
    /// <summary>Protocols, as netstat -s -p names them: IP, IPv6, ICMP, ICMPv6, TCP, TCPv6, UDP, UDPv6 (also IPv4, ICMPv4, TCPv4, UDPv4, UDPLite, UDPLitev6).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public StatisticProtocol[]? Protocol { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var query = new ProtocolQuery { Protocols = this.Protocol ?? Array.Empty<StatisticProtocol>() };
        this.RunSamples(
            () => ProtocolStatisticReader.Read(query),
            WithDeltas,
            null);
    }

    private static IEnumerable<object> WithDeltas(IReadOnlyList<ProtocolStatistic>? previous, IReadOnlyList<ProtocolStatistic> current)
    {
        if (previous is not null)
        {
            CounterDelta.ApplyAll(previous, current);
        }

        return current;
    }
}
