using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetstatPS.Abstractions;
using NetstatPS.Completion;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using NetstatPS.Sampling;

namespace NetstatPS.Commands;

/// <summary>
/// <para type="synopsis">Lists network interfaces with their counters: netstat -i and netstat -e, ip -s link, as objects; with -MulticastGroup their multicast group memberships (netstat -g, ip maddr).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "NetInterfaceStatistic", DefaultParameterSetName = "Counters")]
[OutputType(typeof(InterfaceStatistic), ParameterSetName = new[] { "Counters" })]
[OutputType(typeof(MulticastMembership), ParameterSetName = new[] { "Multicast" })]
public sealed class GetNetInterfaceStatisticCommand : SamplingCmdlet
{
    private readonly List<string> names = new();

    /// <summary>Interface names; wildcards allowed. Binds Name, InterfaceAlias or InterfaceName from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("InterfaceAlias", "InterfaceName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>
    /// Lists the interfaces' multicast group memberships instead of their counters (netstat -g, ip maddr):
    /// one MulticastMembership per interface and group, IPv4 and IPv6, with the join count.
    /// </summary>
    [Parameter(ParameterSetName = "Multicast", Mandatory = true)]
    public SwitchParameter MulticastGroup { get; set; }

    /// <inheritdoc />
    protected override void CollectInput()
    {
        if (this.Name is not null)
        {
            this.names.AddRange(this.Name);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (this.PipedNothing)
        {
            return;
        }

        var query = new InterfaceQuery
        {
            Names = this.names.Distinct(StringComparer.OrdinalIgnoreCase).Select(n => new NamePattern(n)).ToArray(),
        };
        if (this.MulticastGroup)
        {
            // Memberships have no counters: each sample is written as read.
            this.RunSamples(
                () => MulticastMembershipReader.Read(query),
                (_, current) => current,
                first => this.WriteNotFound(first, "network interface", "name"));
            return;
        }

        this.RunSamples(
            () => InterfaceStatisticReader.Read(query),
            WithDeltas,
            first => this.WriteNotFound(first, "network interface", "name"));
    }

    private static IEnumerable<object> WithDeltas(IReadOnlyList<InterfaceStatistic>? previous, IReadOnlyList<InterfaceStatistic> current)
    {
        if (previous is not null)
        {
            CounterDelta.ApplyAll(previous, current);
        }

        return current;
    }
}
