using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Abstractions;

namespace NetstatPS.Core.Tests.Common;

/// <summary>A provider over fixed rows, recording what the readers asked of it.</summary>
internal sealed class FakeProvider : INetstatProvider, IConnectionSource, IProcessOwnerResolver, IOwnerDetailSource, IRouteSource, IInterfaceStatisticSource, IProtocolStatisticSource, IMulticastSource, IConnectionCloser
{
    public List<Connection> ConnectionRows { get; } = new();

    public Dictionary<Connection, ProcessOwner[]> OwnerMap { get; } = new();

    public List<Route> RouteRows { get; } = new();

    public List<InterfaceStatistic> InterfaceRows { get; } = new();

    public List<ProtocolStatistic> ProtocolRows { get; } = new();

    public List<MulticastMembership> MulticastRows { get; } = new();

    public int InterfaceReads { get; private set; }

    public List<int> ResolvedCounts { get; } = new();

    public List<RouteQuery> RouteQueries { get; } = new();

    public List<RouteQuery> LookupQueries { get; } = new();

    /// <summary>What Lookup answers; by default that it cannot ask (so RouteReader chooses from RouteRows).</summary>
    public Func<RouteQuery, RouteLookupAnswer> LookupAnswer { get; set; } = _ => RouteLookupAnswer.CannotAsk("the fake cannot ask.");

    public List<RouteTableName> TableNameRows { get; } = new();

    public string PlatformName => "Fake";

    public IConnectionSource Connections => this;

    public IProcessOwnerResolver Owners => this;

    public IOwnerDetailSource OwnerDetails => this;

    public IRouteSource Routes => this;

    public IInterfaceStatisticSource Interfaces => this;

    public IProtocolStatisticSource Protocols => this;

    public IMulticastSource Multicast => this;

    public IConnectionCloser Closer => this;

    /// <summary>What the closer was asked to close, in order.</summary>
    public List<Connection> ClosedRows { get; } = new();

    /// <summary>Whether the closer wants a cookie (as Linux's does).</summary>
    public bool NeedsSocketCookie { get; set; } = true;

    /// <summary>What Close answers; by default it closes: the row leaves ConnectionRows.</summary>
    public Func<Connection, CloseResult>? CloseAnswer { get; set; }

    /// <summary>What CannotClose answers.</summary>
    public Func<Connection, string?> CannotCloseAnswer { get; set; } = _ => null;

    public string? CannotClose(Connection connection) => this.CannotCloseAnswer(connection);

    public CloseResult Close(Connection connection)
    {
        this.ClosedRows.Add(connection);
        if (this.CloseAnswer is not null)
        {
            return this.CloseAnswer(connection);
        }

        this.ConnectionRows.Remove(connection);
        return CloseResult.Closed;
    }

    public void Read(ConnectionQuery query, List<Connection> into, WarningCollector warnings) =>
        into.AddRange(this.ConnectionRows.Where(c =>
            query.Wants(c.Protocol) && query.Wants(c.State) &&
            (c.AddressFamily is IPAddressFamily family ? query.Wants(family) : query.WantsUnix)));

    public void Resolve(IReadOnlyList<Connection> connections, WarningCollector warnings)
    {
        this.ResolvedCounts.Add(connections.Count);
        foreach (Connection c in connections)
        {
            if (this.OwnerMap.TryGetValue(c, out ProcessOwner[]? owners))
            {
                c.SetOwners(owners);
            }
        }
    }

    /// <summary>The owner lists Describe was given, one per call.</summary>
    public List<IReadOnlyList<ProcessOwner>> DescribedOwners { get; } = new();

    /// <summary>What Describe does to each owner (tests set units, services, containers here).</summary>
    public Action<ProcessOwner, bool>? DescribeOwner { get; set; }

    public void Describe(IReadOnlyList<ProcessOwner> owners, bool commandLine, WarningCollector warnings)
    {
        this.DescribedOwners.Add(owners);
        foreach (ProcessOwner owner in owners)
        {
            this.DescribeOwner?.Invoke(owner, commandLine);
        }
    }

    public IReadOnlyCollection<string> RunningServices() => this.DescribedOwners.SelectMany(o => o).Select(o => o.Service).OfType<string>().ToList();

    public void Read(RouteQuery query, List<Route> into, WarningCollector warnings)
    {
        this.RouteQueries.Add(query);
        into.AddRange(this.RouteRows.Select(Clone));
    }

    public RouteLookupAnswer Lookup(RouteQuery query, WarningCollector warnings)
    {
        this.LookupQueries.Add(query);
        return this.LookupAnswer(query);
    }

    public IReadOnlyList<RouteTableName> TableNames() => this.TableNameRows;

    public void Read(List<InterfaceStatistic> into, WarningCollector warnings)
    {
        this.InterfaceReads++;
        into.AddRange(this.InterfaceRows);
    }

    public void Read(List<MulticastMembership> into, WarningCollector warnings) => into.AddRange(this.MulticastRows);

    public void Read(List<ProtocolStatistic> into, WarningCollector warnings) => into.AddRange(this.ProtocolRows);

    private static Route Clone(Route r) => (Route)typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(r, null)!;
}
