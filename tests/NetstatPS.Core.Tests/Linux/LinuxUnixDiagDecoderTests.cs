using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>The unix_diag decoder and the /proc/net/unix decoder on the captured fixtures, against the capture's manifest and ss.</summary>
public class LinuxUnixDiagDecoderTests
{
    [Fact]
    public void EverySocketOfTheManifestDecodesWithTypeNameStateInodeAndPeer()
    {
        var rows = LinuxUnixFixture.DecodeNetlink();
        var expected = LinuxUnixFixture.ExpectedSockets().ToList();
        Assert.Equal(18, expected.Count);
        Assert.Equal(expected.Count, rows.Count);
        foreach (var e in expected)
        {
            Connection c = Assert.Single(rows, r => r.Inode == e.Inode);
            Assert.Equal(TransportProtocol.Unix, c.Protocol);
            Assert.Equal(e.Type, c.SocketType);
            Assert.Equal(e.Name, c.Path);
            Assert.Equal(e.State, c.State);
            Assert.Equal(e.PeerInode, c.PeerInode);
            if (e.ReceiveQueue is long rq)
            {
                Assert.Equal(rq, c.ReceiveQueue);
            }

            if (e.SendQueue is long sq)
            {
                Assert.Equal(sq, c.SendQueue);
            }

            Assert.Equal(0, c.UserId);
            Assert.Equal("NetlinkSockDiag", c.Source);
        }
    }

    [Fact]
    public void AgreesWithSsOnEveryField()
    {
        var rows = LinuxUnixFixture.DecodeNetlink();
        var ss = LinuxUnixFixture.SsLines();
        Assert.Equal(ss.Count, rows.Count);
        foreach (SsUnixLine line in ss)
        {
            Connection c = Assert.Single(rows, r => r.Inode == line.Inode);
            Assert.Equal(line.Netid, c.Proto);
            Assert.Equal(line.ModelState, c.State);
            Assert.Equal(line.ReceiveQueue, c.ReceiveQueue);
            Assert.Equal(line.SendQueue, c.SendQueue);
            Assert.Equal(line.Name, c.Path);
            Assert.Equal(line.PeerInode, c.PeerInode);
        }
    }

    [Fact]
    public void HasNoAddressesPortsOrFamily()
    {
        Assert.All(LinuxUnixFixture.DecodeNetlink(), c =>
        {
            Assert.Null(c.AddressFamily);
            Assert.Null(c.LocalAddress);
            Assert.Null(c.RemoteAddress);
            Assert.Null(c.LocalPort);
            Assert.Null(c.RemotePort);
            Assert.Null(c.LocalPortName);
            Assert.Null(c.GetLocalIPAddress());
            Assert.Null(c.TcpInfo);
        });
    }

    [Fact]
    public void EndpointsReadAsSsShowsThemWithThePeersName()
    {
        var rows = LinuxUnixFixture.DecodeNetlink();
        var e = LinuxUnixFixture.ExpectedSockets().ToList();
        string stream = "/tmp/nsps-fixture-unix/stream.sock";
        var listener = e.Single(s => s.Name == stream && s.State == ConnectionState.Listen);
        var client = e.Single(s => s.Name is null && s.PeerInode is long p && e.Single(x => x.Inode == p).Name == stream);
        var accepted = e.Single(s => s.Inode == client.PeerInode);

        Connection l = rows.Single(r => r.Inode == listener.Inode);
        Assert.Equal(("u_str", stream, "*"), (l.Proto, l.LocalEndpoint, l.RemoteEndpoint));

        // The client is unnamed; its peer (the accepted socket) carries the listener's path.
        Connection c = rows.Single(r => r.Inode == client.Inode);
        Assert.Equal("*", c.LocalEndpoint);
        Assert.Equal($"{stream} {accepted.Inode}", c.RemoteEndpoint);
        Connection a = rows.Single(r => r.Inode == accepted.Inode);
        Assert.Equal(stream, a.LocalEndpoint);
        Assert.Equal($"* {client.Inode}", a.RemoteEndpoint);

        Assert.Equal("u_seq", rows.Single(r => r.Path == "/tmp/nsps-fixture-unix/seq packet.sock" && r.State == ConnectionState.Listen).Proto);
        Assert.Equal("u_dgr", rows.Single(r => r.Path == "/tmp/nsps-fixture-unix/lone.dgram").Proto);
        Assert.Contains(rows, r => r.Path == "@nsps-abstract" && r.State == ConnectionState.Listen);
        Assert.Contains(rows, r => r.Path == "@nsps@nul");
        Assert.Equal($"Unix {stream} * Listen", l.ToString());
    }

    [Fact]
    public void UnconnectedDatagramIsListenAndIdleStreamIsClosed()
    {
        var rows = LinuxUnixFixture.DecodeNetlink();
        Assert.Equal(ConnectionState.Listen, rows.Single(r => r.Path == "/tmp/nsps-fixture-unix/lone.dgram").State);
        Connection idle = Assert.Single(rows, r => r.State == ConnectionState.Closed);
        Assert.Equal(SocketType.Stream, idle.SocketType);
        Assert.Null(idle.Path);
    }

    [Fact]
    public void AListenersQueuesAreWaitingConnectionsAndBacklog()
    {
        Connection waiting = LinuxUnixFixture.DecodeNetlink().Single(r => r.Path == "/tmp/nsps-fixture-unix/waiting.sock");
        Assert.Equal((ConnectionState.Listen, 1L, 3L), (waiting.State, waiting.ReceiveQueue!.Value, waiting.SendQueue!.Value));
    }

    [Fact]
    public void ProcNetUnixGivesTheSameSocketsWithoutWhatTheFileLacks()
    {
        var netlink = LinuxUnixFixture.DecodeNetlink();
        var procnet = LinuxUnixFixture.DecodeProcNet();

        // /proc also lists the connection waiting to be accepted (inode 0); unix_diag skips it, and so does the decoder.
        Assert.Equal(netlink.Count, procnet.Count);
        foreach (Connection n in netlink)
        {
            Connection p = Assert.Single(procnet, r => r.Inode == n.Inode);
            Assert.Equal((n.Protocol, n.SocketType, n.Path, n.State, n.Proto), (p.Protocol, p.SocketType, p.Path, p.State, p.Proto));
            Assert.Equal(n.Path ?? "*", p.LocalEndpoint);
            Assert.Equal("ProcNet", p.Source);

            // What /proc/net/unix does not print.
            Assert.Null(p.PeerInode);
            Assert.Null(p.ReceiveQueue);
            Assert.Null(p.SendQueue);
            Assert.Null(p.UserId);
            Assert.Equal("*", p.RemoteEndpoint);
        }
    }

    [Theory]
    [InlineData(new byte[0], null)]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0 }, "/a")]
    [InlineData(new byte[] { (byte)'/', (byte)'a', 0, (byte)'x' }, "/a")]
    [InlineData(new byte[] { 0, (byte)'n' }, "@n")]
    [InlineData(new byte[] { 0, (byte)'a', 0, (byte)'b', 0 }, "@a@b@")]
    public void NamesReadLikeSs(byte[] sunPath, string? expected) =>
        Assert.Equal(expected, LinuxUnixDiagDecoder.Name(sunPath));

    [Fact]
    public void RequestIsUnixDiagReqForEveryStateAndWhatIsShown()
    {
        byte[] r = LinuxUnixDiagDecoder.RequestHeader(LinuxUnixDiagDecoder.AllStates);
        Assert.Equal(24, r.Length);
        Assert.Equal((byte)1, r[0]);
        Assert.Equal(LinuxUnixFixture.Manifest.GetProperty("dump").GetProperty("states").GetUInt32(), BitConverter.ToUInt32(r, 4));
        Assert.Equal(LinuxUnixFixture.Manifest.GetProperty("dump").GetProperty("show").GetUInt32(), BitConverter.ToUInt32(r, 12));
    }

    [Fact]
    public void MalformedMessagesThrowTheDecodersOwnError()
    {
        Assert.Throws<NetstatDecodeException>(() => LinuxUnixDiagDecoder.DecodeSocket(new byte[15], new List<Connection>()));

        byte[] wrongFamily = new byte[16];
        wrongFamily[0] = 2;
        Assert.Throws<NetstatDecodeException>(() => LinuxUnixDiagDecoder.DecodeSocket(wrongFamily, new List<Connection>()));

        // UNIX_DIAG_RQLEN with 4 of its 8 bytes.
        byte[] shortQueues = new byte[16 + 8];
        shortQueues[0] = 1;
        shortQueues[1] = 1;
        shortQueues[2] = 10;
        BitConverter.GetBytes((ushort)8).CopyTo(shortQueues, 16);
        BitConverter.GetBytes((ushort)4).CopyTo(shortQueues, 18);
        Assert.Throws<NetstatDecodeException>(() => LinuxUnixDiagDecoder.DecodeSocket(shortQueues, new List<Connection>()));
    }

    [Fact]
    public void UnknownTypesAndStatesAreSkipped()
    {
        var rows = new List<Connection>();
        LinuxUnixDiagDecoder.DecodeSocket(new byte[] { 1, 3, 10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, rows);
        LinuxUnixDiagDecoder.DecodeSocket(new byte[] { 1, 1, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, rows);
        Assert.Empty(rows);
    }

    [Fact]
    public void ANameWithANewlineContinuesOnTheNextProcLine()
    {
        byte[] file = System.Text.Encoding.UTF8.GetBytes(
            "Num       RefCount Protocol Flags    Type St Inode Path\n" +
            "0000000055d84a63: 00000002 00000000 00010000 0001 01 2963004 /tmp/odd\nname here\n" +
            "0000000055d84a64: 00000002 00000000 00000000 0002 01   42\n");
        var rows = new List<Connection>();
        LinuxProcNetUnixDecoder.Decode(file, rows);
        Assert.Equal(2, rows.Count);
        Assert.Equal("/tmp/odd\nname here", rows[0].Path);
        Assert.Equal((ConnectionState.Listen, 2963004L), (rows[0].State, rows[0].Inode!.Value));
        Assert.Equal((SocketType.Dgram, (string?)null, ConnectionState.Listen, 42L), (rows[1].SocketType, rows[1].Path, rows[1].State, rows[1].Inode!.Value));
        Assert.Throws<NetstatDecodeException>(() => LinuxProcNetUnixDecoder.Decode("Num\nname without a socket\n"u8, new List<Connection>()));
        Assert.Throws<NetstatDecodeException>(() => LinuxProcNetUnixDecoder.Decode("sl local_address\n"u8, new List<Connection>()));
    }
}
