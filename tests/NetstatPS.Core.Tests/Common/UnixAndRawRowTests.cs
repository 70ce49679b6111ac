using System.Linq;
using System.Net.Sockets;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using NetstatPS.Sampling;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

/// <summary>How Unix and raw rows behave in the reader, the filters and the row's text, over fixed rows.</summary>
public class UnixAndRawRowTests
{
    private readonly FakeProvider provider = new();
    private readonly Connection tcp = ConnectionReaderTests.Row(TransportProtocol.Tcp, "0.0.0.0", 443, "0.0.0.0", 0, ConnectionState.Listen);
    private readonly Connection raw = ConnectionReaderTests.Row(TransportProtocol.Raw, "127.0.0.1", 1, "0.0.0.0", 0, ConnectionState.Listen);
    private readonly Connection listener = Unix(SocketType.Stream, "/run/app.sock", ConnectionState.Listen, 10, null);
    private readonly Connection client = Unix(SocketType.Stream, null, ConnectionState.Established, 11, 12);
    private readonly Connection accepted = Unix(SocketType.Stream, "/run/app.sock", ConnectionState.Established, 12, 11);
    private readonly ProcessOwner app = new(200, "app", "/usr/bin/app", 0);
    private readonly ProcessOwner curl = new(300, "curl", "/usr/bin/curl", 1000);

    public UnixAndRawRowTests()
    {
        this.provider.ConnectionRows.AddRange(new[] { this.tcp, this.raw, this.listener, this.client, this.accepted });
        this.provider.OwnerMap[this.listener] = new[] { this.app };
        this.provider.OwnerMap[this.accepted] = new[] { this.app };
        this.provider.OwnerMap[this.client] = new[] { this.curl };
        UnixPeers.Link(this.provider.ConnectionRows);
    }

    [Fact]
    public void TheDefaultQueryListsNeitherUnixNorRawSockets()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery(), default).Items;
        Assert.Equal(new[] { this.tcp }, rows);
    }

    [Fact]
    public void UnixAndRawComeWhenNamedAndMixWithTcp()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp, TransportProtocol.Unix, TransportProtocol.Raw } }, default).Items;
        Assert.Equal(5, rows.Count);
        var listen = ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp, TransportProtocol.Unix }, States = new[] { ConnectionState.Listen } }, default).Items;
        Assert.Equal(new[] { this.tcp, this.listener }, listen);
        Assert.Equal(new[] { "app" }, listen.Where(r => r.Protocol == TransportProtocol.Unix).GroupBy(r => r.ProcessName).Select(g => g.Key));
    }

    [Fact]
    public void PortAndAddressFiltersNeverMatchUnixRows()
    {
        var everything = new[] { TransportProtocol.Tcp, TransportProtocol.Unix, TransportProtocol.Raw };
        Assert.Empty(ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, LocalPorts = new[] { 0 } }, default).Items);
        Assert.Empty(ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, RemotePorts = new[] { 0 } }, default).Items);
        Assert.Empty(ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, LocalAddresses = new[] { AddressFilter.Parse("0.0.0.0/0") } }, default).Items);
        Assert.Empty(ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, RemoteAddresses = new[] { AddressFilter.Parse("::/0") } }, default).Items);

        // A raw socket's port is its protocol number.
        Assert.Equal(new[] { this.raw }, ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = everything, LocalPorts = new[] { 1 } }, default).Items);
    }

    [Fact]
    public void AnAddressFamilyLeavesUnixRowsOut()
    {
        var rows = ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix, TransportProtocol.Raw }, AddressFamilies = new[] { IPAddressFamily.IPv4 } }, default).Items;
        Assert.Equal(new[] { this.raw }, rows);
        Assert.False(new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, AddressFamilies = new[] { IPAddressFamily.IPv6 } }.WantsUnix);
    }

    [Fact]
    public void PeersShowTheirNameAndOwner()
    {
        ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix } }, default);
        Assert.Equal(("*", "/run/app.sock 12", 200, "app"), (this.client.LocalEndpoint, this.client.RemoteEndpoint, this.client.PeerProcessId!.Value, this.client.PeerProcessName!));
        Assert.Equal(("/run/app.sock", "* 11", 300, "curl"), (this.accepted.LocalEndpoint, this.accepted.RemoteEndpoint, this.accepted.PeerProcessId!.Value, this.accepted.PeerProcessName!));
        Assert.Equal(("u_str", "/run/app.sock", "*"), (this.listener.Proto, this.listener.LocalEndpoint, this.listener.RemoteEndpoint));
        Assert.Null(this.listener.PeerProcessId);
    }

    [Fact]
    public void APeerLeftOutByTheFiltersStillGetsItsOwner()
    {
        var only = new FakeProvider();
        Connection sender = Unix(SocketType.Dgram, null, ConnectionState.Established, 21, 20);
        Connection receiver = Unix(SocketType.Dgram, "/run/log", ConnectionState.Listen, 20, null);
        UnixPeers.Link(new[] { sender, receiver });
        only.ConnectionRows.Add(sender);
        only.OwnerMap[sender] = new[] { this.curl };
        only.OwnerMap[receiver] = new[] { this.app };
        var rows = ConnectionReader.Read(only, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix } }, default).Items;
        Assert.Equal(new[] { sender }, rows);
        Assert.Equal(new[] { 2 }, only.ResolvedCounts);
        Assert.Equal("app", sender.PeerProcessName);
        Assert.Equal("/run/log 20", sender.RemoteEndpoint);
    }

    [Fact]
    public void TheTcpOnlyQueryResolvesOnlyItsRows()
    {
        ConnectionReader.Read(this.provider, new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp } }, default);
        Assert.Equal(new[] { 1 }, this.provider.ResolvedCounts);
    }

    [Fact]
    public void UnixRowsHaveNullAddressesPortsAndFamily()
    {
        Assert.Null(this.client.AddressFamily);
        Assert.Null(this.client.LocalAddress);
        Assert.Null(this.client.LocalPort);
        Assert.Null(this.client.RemoteAddress);
        Assert.Null(this.client.RemotePort);
        Assert.Null(this.client.LocalPortName);
        Assert.Null(this.client.RemotePortName);
        Assert.Null(this.client.GetRemoteIPAddress());
        Assert.Equal(SocketType.Stream, this.client.SocketType);
        Assert.Equal(SocketType.Stream, this.tcp.SocketType);
        Assert.Equal(SocketType.Raw, this.raw.SocketType);
        Assert.Equal("u_dgr", Unix(SocketType.Dgram, null, ConnectionState.Listen, 1, null).Proto);
        Assert.Equal("u_seq", Unix(SocketType.Seqpacket, null, ConnectionState.Listen, 1, null).Proto);
    }

    [Fact]
    public void RawRowsReadLikeNetstatW()
    {
        Assert.Equal(("RAW", "127.0.0.1:1", "*:*"), (this.raw.Proto, this.raw.LocalEndpoint, this.raw.RemoteEndpoint));
        Assert.Null(this.raw.LocalPortName);
        Connection raw6 = ConnectionReaderTests.Row(TransportProtocol.Raw, "::1", 58, "::", 0, ConnectionState.Listen);
        Assert.Equal(("RAW6", "[::1]:58", "*:*"), (raw6.Proto, raw6.LocalEndpoint, raw6.RemoteEndpoint));
    }

    [Fact]
    public void TcpInfoAndTheUnixDetailDoNotOverwriteEachOther()
    {
        this.client.TcpInfo = null;
        Assert.Equal(12, this.client.PeerInode);
        Assert.Null(this.client.TcpInfo);
    }

    [Fact]
    public void WatchTellsUnixSocketsApartByInode()
    {
        Connection replaced = Unix(SocketType.Stream, "/run/app.sock", ConnectionState.Listen, 13, null);
        var changes = ConnectionChangeTracker.Compare(new[] { this.listener, this.client }, new[] { replaced, this.client }, System.DateTime.Now);
        Assert.Equal(new[] { ConnectionChangeType.Removed, ConnectionChangeType.Added }, changes.Select(c => c.ChangeType));
        Assert.Null(changes[0].LocalPort);
        Assert.Equal("u_str", changes[1].Proto);
    }

    internal static Connection Unix(SocketType type, string? path, ConnectionState state, long inode, long? peer) => new()
    {
        Protocol = TransportProtocol.Unix,
        State = state,
        Inode = inode,
        Source = "Fake",
        Unix = new UnixSocketDetail(type, path, peer),
    };
}
