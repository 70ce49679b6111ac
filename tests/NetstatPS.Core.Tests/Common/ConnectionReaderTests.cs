using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class ConnectionReaderTests
{
    private readonly FakeProvider provider = new();
    private readonly Connection web;
    private readonly Connection ssh;
    private readonly Connection dns;
    private readonly ProcessOwner nginxMaster = new(100, "nginx", "/usr/sbin/nginx", 0);
    private readonly ProcessOwner nginxWorker = new(101, "nginx", "/usr/sbin/nginx", 33);
    private readonly ProcessOwner sshd = new(7, "sshd", "/usr/sbin/sshd", 0);

    public ConnectionReaderTests()
    {
        this.web = Row(TransportProtocol.Tcp, "0.0.0.0", 443, "0.0.0.0", 0, ConnectionState.Listen);
        this.ssh = Row(TransportProtocol.Tcp, "10.0.0.5", 22, "10.0.0.9", 51000, ConnectionState.Established);
        this.dns = Row(TransportProtocol.Udp, "::1", 53, "::", 0, ConnectionState.Listen);
        this.provider.ConnectionRows.AddRange(new[] { this.web, this.ssh, this.dns });
        this.provider.OwnerMap[this.web] = new[] { this.nginxMaster, this.nginxWorker };
        this.provider.OwnerMap[this.ssh] = new[] { this.sshd };
    }

    [Fact]
    public void ReturnsEverythingWithOwnersByDefault()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery(), default).Items;
        Assert.Equal(3, rows.Count);
        Assert.Equal(100, this.web.ProcessId);
        Assert.Equal(new[] { 100, 101 }, this.web.Owners.Select(o => o.ProcessId));
        Assert.Null(this.dns.ProcessId);
    }

    [Fact]
    public void ResolvesOwnersOnlyForRowsThatSurvivedTheEndpointFilters()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery { LocalPorts = new[] { 22 } }, default).Items;
        Assert.Equal(new[] { this.ssh }, rows);
        Assert.Equal(new[] { 1 }, this.provider.ResolvedCounts);
    }

    [Fact]
    public void SkipsTheOwnerLookupWhenNotNeeded()
    {
        ConnectionReader.Read(this.provider, new ConnectionQuery { IncludeProcessInfo = false }, default);
        Assert.Empty(this.provider.ResolvedCounts);
    }

    [Fact]
    public void ProcessFiltersForceTheOwnerLookupAndMatchAnyOwner()
    {
        var byWorker = ConnectionReader.Read(this.provider, new ConnectionQuery { IncludeProcessInfo = false, ProcessIds = new[] { 101 } }, default).Items;
        Assert.Equal(new[] { this.web }, byWorker);
        var byName = ConnectionReader.Read(this.provider, new ConnectionQuery { ProcessNames = new[] { new NamePattern("SSH*") } }, default).Items;
        Assert.Equal(new[] { this.ssh }, byName);
    }

    [Fact]
    public void AddressFiltersTakePrefixesAndAnyOfSeveral()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery { RemoteAddresses = new[] { AddressFilter.Parse("10.0.0.0/24"), AddressFilter.Parse("192.0.2.1") } }, default).Items;
        Assert.Equal(new[] { this.ssh }, rows);
        var v6 = ConnectionReader.Read(this.provider, new ConnectionQuery { LocalAddresses = new[] { AddressFilter.Parse("::1") } }, default).Items;
        Assert.Equal(new[] { this.dns }, v6);
    }

    [Fact]
    public void ProtocolFamilyAndStateReachTheSource()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Udp }, States = new[] { ConnectionState.Listen } }, default).Items;
        Assert.Equal(new[] { this.dns }, rows);
        var v4Listen = ConnectionReader.Read(this.provider, new ConnectionQuery { AddressFamilies = new[] { IPAddressFamily.IPv4 }, States = new[] { ConnectionState.Listen } }, default).Items;
        Assert.Equal(new[] { this.web }, v4Listen);
    }

    [Fact]
    public void AddOwnerKeepsOwnersSortedAndUnique()
    {
        var c = new Connection();
        c.AddOwner(this.nginxWorker);
        c.AddOwner(this.nginxMaster);
        c.AddOwner(this.nginxWorker);
        c.AddOwner(this.sshd);
        Assert.Equal(new[] { 7, 100, 101 }, c.Owners.Select(o => o.ProcessId));
        Assert.Equal(3, c.OwnerCount);
        Assert.Equal(7, c.ProcessId);
        Assert.Equal("sshd", c.ProcessName);
    }

    internal static Connection Row(TransportProtocol protocol, string local, int localPort, string remote, int remotePort, ConnectionState state)
    {
        var c = new Connection
        {
            Protocol = protocol,
            AddressFamily = local.Contains(':') ? IPAddressFamily.IPv6 : IPAddressFamily.IPv4,
            LocalPort = localPort,
            RemotePort = remotePort,
            State = state,
            Source = "Fake",
        };
        c.SetLocalIPAddress(IPAddress.Parse(local));
        c.SetRemoteIPAddress(IPAddress.Parse(remote));
        return c;
    }
}
