using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>Raw sockets on the captured fixtures: /proc/net/raw{,6}, the kernel's answer to a raw sock_diag dump, and the inet_diag decoder read for IPPROTO_RAW.</summary>
public class LinuxRawSocketDecoderTests
{
    private static List<Connection> DecodeProc(string file, IPAddressFamily family)
    {
        var rows = new List<Connection>();
        byte[] text = File.ReadAllBytes(Path.Combine(LinuxFixture.ProcRoot, "net", file));
        LinuxProcNetDecoder.Decode(text, TransportProtocol.Raw, family, LinuxSocketStates.KernelMask(TransportProtocol.Raw, new ConnectionQuery()), LinuxLinkLocalScopes.Empty, new LinuxAddressCache(), rows);
        return rows;
    }

    [Fact]
    public void ProcNetRawGivesTheProtocolNumberAsLocalPort()
    {
        var rows = DecodeProc("raw", IPAddressFamily.IPv4).Concat(DecodeProc("raw6", IPAddressFamily.IPv6)).ToList();
        var expected = LinuxUnixFixture.Manifest.GetProperty("raw").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var e in expected)
        {
            Connection c = Assert.Single(rows, r => r.Inode == e.GetProperty("inode").GetInt64());
            Assert.Equal(TransportProtocol.Raw, c.Protocol);
            Assert.Equal(e.GetProperty("family").GetInt32() == 4 ? IPAddressFamily.IPv4 : IPAddressFamily.IPv6, c.AddressFamily);
            Assert.Equal(e.GetProperty("local").GetString(), c.LocalAddress);
            Assert.Equal(e.GetProperty("protocol").GetInt32(), c.LocalPort);
            Assert.Equal((ConnectionState.Listen, 0, SocketType.Raw), (c.State, c.RemotePort!.Value, c.SocketType));
            Assert.Null(c.LocalPortName);
            Assert.Equal("*:*", c.RemoteEndpoint);
            Assert.Equal(0, c.UserId);
        }

        Assert.Equal(new[] { "RAW:127.0.0.1:1", "RAW:0.0.0.0:255", "RAW6:[::1]:58" }.Order(), rows.Select(r => r.Proto + ":" + r.LocalEndpoint).Order());
    }

    [Fact]
    public void ProcNetRawAgreesWithSsW()
    {
        var rows = DecodeProc("raw", IPAddressFamily.IPv4).Concat(DecodeProc("raw6", IPAddressFamily.IPv6)).ToList();
        var ss = LinuxUnixFixture.SsRawLines();
        Assert.Equal(ss.Count, rows.Count);
        foreach (string[] line in ss)
        {
            // UNCONN Recv-Q Send-Q Local:Port Peer:Port — ss -wn prints the protocol number as the port.
            Assert.Equal("UNCONN", line[0]);
            Connection c = Assert.Single(rows, r => r.LocalEndpoint == line[3]);
            Assert.Equal((long.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(line[2], System.Globalization.CultureInfo.InvariantCulture)), (c.ReceiveQueue!.Value, c.SendQueue!.Value));
            Assert.Equal(ConnectionState.Listen, c.State);
        }
    }

    [Fact]
    public void AKernelWithoutRawDiagRefusesTheDumpSoTheSourceFallsBack()
    {
        // Recorded on the capture machine (CONFIG_INET_RAW_DIAG unset): NLMSG_DONE carrying -ENOENT.
        var answers = LinuxUnixFixture.Manifest.GetProperty("rawDump").GetProperty("answers");
        uint pid = LinuxUnixFixture.Manifest.GetProperty("dump").GetProperty("portId").GetUInt32();
        int index = 0;
        foreach (string name in new[] { "raw4", "raw6" })
        {
            uint seq = LinuxUnixFixture.Manifest.GetProperty("rawDump").GetProperty("sequences")[index++].GetUInt32();
            var rows = new List<Connection>();
            LinuxSockDiagChunk chunk = LinuxSockDiagDecoder.Decode(LinuxFixture.Dump(name), seq, pid, TransportProtocol.Raw, false, new LinuxAddressCache(), rows);
            if (answers.GetProperty(name).GetString() == "ENOENT")
            {
                Assert.Equal((LinuxSockDiagStatus.Error, 2), (chunk.Status, chunk.Error));
                Assert.Empty(rows);
            }
            else
            {
                Assert.Equal(LinuxSockDiagStatus.Done, chunk.Status);
            }
        }
    }

    [Fact]
    public void AnInetDiagMessageReadForIppRotoRawIsARawRow()
    {
        // raw_diag fills the same struct inet_diag_msg as udp_diag, with idiag_sport = the protocol number.
        // This kernel has no raw_diag, so the captured unconnected UDP record is turned into one: sport 1 (ICMP), TCP_CLOSE.
        var (seq, pid) = LinuxFixture.DumpIds("udp4");
        byte[] message = LinuxSockDiagDecoderTests.FirstMessage(LinuxFixture.Dump("udp4"));
        Assert.Equal(7, message[16 + 1]);
        message[16 + 4] = 0;
        message[16 + 5] = 1;
        message[16 + 6] = 0;
        message[16 + 7] = 0;
        var rows = new List<Connection>();
        LinuxSockDiagDecoder.Decode(message, seq, pid, TransportProtocol.Raw, false, new LinuxAddressCache(), rows);
        Connection c = Assert.Single(rows);
        Assert.Equal((TransportProtocol.Raw, 1, ConnectionState.Listen, "RAW", "127.0.0.1:1", "*:*"), (c.Protocol, c.LocalPort!.Value, c.State, c.Proto, c.LocalEndpoint, c.RemoteEndpoint));
        Assert.Null(c.LocalPortName);
        Assert.Null(c.TcpInfo);
    }

    [Fact]
    public void RawStatesAreThoseOfUdp()
    {
        Assert.Equal((1u << 1) | (1u << 7), LinuxSocketStates.KernelMask(TransportProtocol.Raw, new ConnectionQuery()));
        Assert.Equal(1u << 7, LinuxSocketStates.KernelMask(TransportProtocol.Raw, new ConnectionQuery { States = new[] { ConnectionState.Listen } }));
        Assert.Equal(0u, LinuxSocketStates.KernelMask(TransportProtocol.Raw, new ConnectionQuery { States = new[] { ConnectionState.TimeWait } }));
        Assert.Equal(ConnectionState.Established, LinuxSocketStates.FromKernel(TransportProtocol.Raw, 1));
        Assert.Null(LinuxSocketStates.FromKernel(TransportProtocol.Raw, 10));
    }

    [Fact]
    public void AConnectedRawSocketShowsItsPeerWithoutAPort()
    {
        var (seq, pid) = LinuxFixture.DumpIds("udp4");
        byte[] dump = LinuxFixture.Dump("udp4");
        var all = new List<Connection>();
        LinuxSockDiagDecoder.Decode(dump, seq, pid, TransportProtocol.Udp, false, new LinuxAddressCache(), all);
        Connection udp = all.First(r => r.State == ConnectionState.Established);

        var rows = new List<Connection>();
        int offset = 0;
        while (offset < dump.Length)
        {
            int length = BitConverter.ToInt32(dump, offset);
            byte[] m = dump.AsSpan(offset, length).ToArray();
            if (m[16 + 1] == 1)
            {
                m[16 + 6] = 0;
                m[16 + 7] = 0;
                LinuxSockDiagDecoder.Decode(m, seq, pid, TransportProtocol.Raw, false, new LinuxAddressCache(), rows);
                break;
            }

            offset += (length + 3) & ~3;
        }

        Connection raw = Assert.Single(rows);
        Assert.Equal(ConnectionState.Established, raw.State);
        Assert.Equal(udp.RemoteAddress + ":*", raw.RemoteEndpoint);
    }
}
