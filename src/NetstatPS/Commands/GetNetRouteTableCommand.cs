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
/// <para type="synopsis">Lists routes: route print, netstat -r and ip route, as objects; -Destination answers ip route get.</para>
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

    /// <summary>Routing tables (Linux): main (default), local, default, a table number, or all.</summary>
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

    /// <summary>Outgoing interface names; wildcards allowed.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("InterfaceAlias")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceNameCompleter))]
    public string[]? InterfaceName { get; set; }

    /// <summary>An address: returns the one route the kernel would use to reach it (ip route get, without sending).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateIPAddress]
    public string? Destination { get; set; }

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
            Destination = this.Destination is null ? null : IPAddress.Parse(this.Destination),
        };
        this.RunSamples(() => RouteReader.Read(query), (_, current) => current, first => this.WriteNotFound(first, "route", "interface name"));
    }
}
