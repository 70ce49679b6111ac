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
/// <para type="synopsis">Lists network interfaces with their counters: netstat -i and netstat -e, ip -s link, as objects.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "NetInterfaceStatistic")]
[OutputType(typeof(InterfaceStatistic))]
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
