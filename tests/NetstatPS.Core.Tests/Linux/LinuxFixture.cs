using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// The fixtures capture.py recorded in a network namespace on this machine: sock_diag dump bytes,
/// /proc/net copies, and manifest.json describing every socket as Python saw it (independent of NetstatPS).
/// </summary>
internal static class LinuxFixture
{
    public static string SockDiagDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "linux", "sockdiag");

    public static string ProcRoot => Path.Combine(AppContext.BaseDirectory, "fixtures", "linux", "procnet");

    public static JsonElement Manifest { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(SockDiagDirectory, "manifest.json"))).RootElement;

    public static int DummyIfIndex => Manifest.GetProperty("dummyIfIndex").GetInt32();

    public static byte[] Dump(string name) => File.ReadAllBytes(Path.Combine(SockDiagDirectory, name + ".bin"));

    public static (uint Sequence, uint PortId) DumpIds(string name)
    {
        JsonElement d = Manifest.GetProperty("dumps").GetProperty(name);
        return (d.GetProperty("sequence").GetUInt32(), d.GetProperty("portId").GetUInt32());
    }

    /// <summary>Decodes one recorded dump whole (the received buffers concatenated).</summary>
    public static List<Connection> DecodeDump(string name, TransportProtocol protocol, bool tcpInfo = true)
    {
        var rows = new List<Connection>();
        var (seq, pid) = DumpIds(name);
        LinuxSockDiagChunk chunk = LinuxSockDiagDecoder.Decode(Dump(name), seq, pid, protocol, tcpInfo, new LinuxAddressCache(), rows);
        if (chunk.Status != LinuxSockDiagStatus.Done)
        {
            throw new InvalidOperationException($"{name}: dump did not end with NLMSG_DONE ({chunk.Status})");
        }

        return rows;
    }

    /// <summary>Every socket of the netlink fixtures (all four dumps).</summary>
    public static List<Connection> DecodeAllDumps() =>
        DecodeDump("tcp4", TransportProtocol.Tcp)
            .Concat(DecodeDump("tcp6", TransportProtocol.Tcp))
            .Concat(DecodeDump("udp4", TransportProtocol.Udp))
            .Concat(DecodeDump("udp6", TransportProtocol.Udp))
            .ToList();

    public static IEnumerable<ExpectedSocket> ExpectedSockets(bool includeBound = false)
    {
        foreach (JsonElement s in Manifest.GetProperty("sockets").EnumerateArray())
        {
            var e = new ExpectedSocket(
                Enum.Parse<TransportProtocol>(s.GetProperty("protocol").GetString()!),
                s.GetProperty("family").GetInt32() == 4 ? IPAddressFamily.IPv4 : IPAddressFamily.IPv6,
                Scoped(s.GetProperty("local").GetString()!),
                s.GetProperty("localPort").GetInt32(),
                Scoped(s.GetProperty("remote").GetString()!),
                s.GetProperty("remotePort").GetInt32(),
                Enum.Parse<ConnectionState>(s.GetProperty("state").GetString()!),
                s.GetProperty("inode").ValueKind == JsonValueKind.Null ? null : s.GetProperty("inode").GetInt64());
            if (includeBound || e.State != ConnectionState.Bound)
            {
                yield return e;
            }
        }
    }

    public static Connection Find(IEnumerable<Connection> rows, TransportProtocol protocol, int localPort, int remotePort, string? local = null) =>
        Assert.Single(rows, r => r.Protocol == protocol && r.LocalPort == localPort && r.RemotePort == remotePort && (local is null || r.LocalAddress == local));

    // Python prints a link-local address without its scope; NetstatPS shows fe80::1%<ifindex>.
    private static string Scoped(string address) => address.StartsWith("fe80", StringComparison.Ordinal) ? $"{address}%{DummyIfIndex}" : address;

    internal sealed record ExpectedSocket(TransportProtocol Protocol, IPAddressFamily Family, string Local, int LocalPort, string Remote, int RemotePort, ConnectionState State, long? Inode);
}
