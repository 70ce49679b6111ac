using System;
using System.Collections.Generic;
using System.Linq;
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
    /// <remarks>
    /// A string set rather than the StatisticProtocol enum: several names share one enum value (IP and
    /// IPv4), and PowerShell completes an enum parameter with one name per value, twice over, ignoring
    /// any ArgumentCompleter. The set completes every name once and names the allowed values on error;
    /// StatisticProtocol values still bind, as their names.
    /// </remarks>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateSet("IP", "IPv4", "IPv6", "ICMP", "ICMPv4", "ICMPv6", "TCP", "TCPv4", "TCPv6", "UDP", "UDPv4", "UDPv6", "UDPLite", "UDPLitev4", "UDPLitev6")]
    public string[]? Protocol { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var query = new ProtocolQuery
        {
            Protocols = (this.Protocol ?? Array.Empty<string>()).Select(p => (StatisticProtocol)Enum.Parse(typeof(StatisticProtocol), p, ignoreCase: true)).ToArray(),
        };
        this.RunSamples(
            () => ProtocolStatisticReader.Read(query),
            WithDeltas,
            this.WriteProtocolsNotFound);
    }

    /// <summary>
    /// The rule of every -Name-like parameter here: a protocol named explicitly that this OS keeps no
    /// counters for (UDP-Lite on Windows) is a non-terminating ObjectNotFound, not silence.
    /// </summary>
    private void WriteProtocolsNotFound(QueryResult<ProtocolStatistic> first)
    {
        foreach (string name in (this.Protocol ?? Array.Empty<string>()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var protocol = (StatisticProtocol)Enum.Parse(typeof(StatisticProtocol), name, ignoreCase: true);
            if (!first.Items.Any(row => ProtocolStatisticReader.Answers(protocol, row)))
            {
                this.WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No protocol statistics found with protocol '{name}': this OS keeps no counters for it."),
                    ErrorIds.ObjectNotFound,
                    ErrorCategory.ObjectNotFound,
                    name));
            }
        }
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
