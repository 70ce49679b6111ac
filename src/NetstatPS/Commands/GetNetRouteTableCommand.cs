using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Completion;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using NetstatPS.Validation;

namespace NetstatPS.Commands;

/// <summary>
/// <para type="synopsis">Lists routes: route print, netstat -r and ip route, as objects; -Destination asks the OS, as ip route get does.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "NetRouteTable")]
[OutputType(typeof(Route))]
public sealed class GetNetRouteTableCommand : SamplingCmdlet
{
    private readonly List<string> interfaceNames = new();

    /// <summary>IPv4, IPv6, or both (default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public IPAddressFamily[]? AddressFamily { get; set; }

    /// <summary>Routing tables (Linux): main (default), local, default, a table number, a name from rt_tables, or all.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRouteTable]
    [ArgumentCompleter(typeof(RouteTableCompleter))]
    public string[]? Table { get; set; }

    /// <summary>Destination prefixes such as 0.0.0.0/0 or 10.*; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? DestinationPrefix { get; set; }

    /// <summary>Outgoing interface names; wildcards allowed. With -Destination: one exact name, the interface the lookup sends from (ip route get … oif DEV).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("InterfaceAlias")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceNameCompleter))]
    public string[]? InterfaceName { get; set; }

    /// <summary>Outgoing interface indexes. With -Destination: one index, the interface the lookup sends from.</summary>
    [Parameter]
    [Alias("ifIndex")]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, int.MaxValue)]
    public int[]? InterfaceIndex { get; set; }

    /// <summary>An address: asks the OS which route it would use to reach it (ip route get; GetBestRoute2), without sending anything.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateIPAddress]
    public string? Destination { get; set; }

    /// <summary>With -Destination: the source address of the lookup (ip route get … from ADDRESS).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateIPAddress]
    public string? SourceAddress { get; set; }

    /// <inheritdoc />
    protected override void CollectInput()
    {
        // Interface names may arrive one pipeline object at a time: read the tables once, at the end.
        if (this.InterfaceName is not null)
        {
            this.interfaceNames.AddRange(this.InterfaceName);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (this.PipedNothing)
        {
            return;
        }

        var query = new RouteQuery
        {
            AddressFamilies = this.AddressFamily ?? Array.Empty<IPAddressFamily>(),
            Tables = this.Table ?? Array.Empty<string>(),
            DestinationPrefixes = (this.DestinationPrefix ?? Array.Empty<string>()).Select(p => new NamePattern(p)).ToArray(),
            InterfaceNames = this.interfaceNames.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => new NamePattern(p)).ToArray(),
            InterfaceIndexes = (this.InterfaceIndex ?? Array.Empty<int>()).Distinct().ToArray(),
            Destination = this.Destination is null ? null : IPAddress.Parse(this.Destination),
            SourceAddress = this.SourceAddress is null ? null : IPAddress.Parse(this.SourceAddress),
        };
        this.CheckLookup(query);
        this.RunSamples(() => this.Read(query), (_, current) => current, first => this.WriteNotFound(first, query));
    }

    // -SourceAddress and the interface refine a lookup the way ip route get's "from" and "oif" do, so
    // they must describe one lookup; said at once, before the OS is asked.
    private void CheckLookup(RouteQuery query)
    {
        string? problem = null;
        if (query.Destination is null)
        {
            if (query.SourceAddress is not null)
            {
                problem = "-SourceAddress refines a -Destination lookup (ip route get ADDRESS from SOURCE): give -Destination too.";
            }
        }
        else if (query.SourceAddress is not null && query.SourceAddress.AddressFamily != query.Destination.AddressFamily)
        {
            problem = $"-SourceAddress {query.SourceAddress} and -Destination {query.Destination} are of different address families: give two IPv4 or two IPv6 addresses.";
        }
        else if (query.InterfaceNames.Count > 1 || query.InterfaceNames.Any(n => n.IsWildcard))
        {
            problem = $"With -Destination, -InterfaceName is the one interface the lookup sends from (ip route get ADDRESS oif DEV): give one name without wildcards, not '{string.Join("', '", query.InterfaceNames.Select(n => n.Text))}'.";
        }
        else if (query.InterfaceIndexes.Count > 1)
        {
            problem = $"With -Destination, -InterfaceIndex is the one interface the lookup sends from: give one index, not {string.Join(", ", query.InterfaceIndexes)}.";
        }

        if (problem is not null)
        {
            this.ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem), ErrorIds.InvalidLookup, ErrorCategory.InvalidArgument, query.Destination?.ToString()));
        }
    }

    private QueryResult<Route> Read(RouteQuery query)
    {
        try
        {
            return RouteReader.Read(query);
        }
        catch (ArgumentException e)
        {
            // An -InterfaceName and -InterfaceIndex of two different interfaces: known only once the OS lists them.
            // Its message quotes interface names: escaped like every other name.
            this.ThrowTerminatingError(new ErrorRecord(e, ErrorIds.InvalidLookup, ErrorCategory.InvalidArgument, query.Destination?.ToString()).Escaped());
            throw;
        }
    }

    private void WriteNotFound(QueryResult<Route> first, RouteQuery query)
    {
        this.WriteNotFound(first, "routing table entry", "interface name");
        if (query.Destination is not null)
        {
            return; // the OS answered about the index itself (no such device)
        }

        foreach (int index in query.InterfaceIndexes)
        {
            if (!first.Items.Any(r => r.InterfaceIndex == index))
            {
                this.WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No routing table entry found with interface index '{index}'."),
                    ErrorIds.ObjectNotFound,
                    ErrorCategory.ObjectNotFound,
                    index));
            }
        }
    }
}
