using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Decoders.Linux;
using NetstatPS.Readers;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// The fixtures capture-unix.py recorded in a network namespace on this machine: the unix_diag dump,
/// /proc/net/{unix,raw,raw6}, ss -xanH / -wanH, and manifest-unix.json describing every socket as
/// Python saw it (independent of NetstatPS).
/// </summary>
internal static class LinuxUnixFixture
{
    public static JsonElement Manifest { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(LinuxFixture.SockDiagDirectory, "manifest-unix.json"))).RootElement;

    public static byte[] UnixDump => LinuxFixture.Dump("unix");

    public static byte[] ProcNetUnix => File.ReadAllBytes(Path.Combine(LinuxFixture.ProcRoot, "net", "unix"));

    /// <summary>The unix_diag dump decoded, peers linked as the source links them.</summary>
    public static List<Connection> DecodeNetlink()
    {
        var rows = new List<Connection>();
        LinuxUnixDiagDecoder.Decode(UnixDump, rows);
        UnixPeers.Link(rows);
        return rows;
    }

    /// <summary>/proc/net/unix decoded.</summary>
    public static List<Connection> DecodeProcNet()
    {
        var rows = new List<Connection>();
        LinuxProcNetUnixDecoder.Decode(ProcNetUnix, rows);
        UnixPeers.Link(rows);
        return rows;
    }

    public static IEnumerable<Expected> ExpectedSockets() =>
        Manifest.GetProperty("sockets").EnumerateArray().Select(s => new Expected(
            Enum.Parse<System.Net.Sockets.SocketType>(s.GetProperty("type").GetString()!),
            s.GetProperty("name").GetString(),
            Enum.Parse<ConnectionState>(s.GetProperty("state").GetString()!),
            s.GetProperty("inode").GetInt64(),
            LinuxTestSupport.Num(s, "peerInode"),
            LinuxTestSupport.Num(s, "receiveQueue"),
            LinuxTestSupport.Num(s, "sendQueue")));

    /// <summary>The lines of ss -xanH the capture printed (its oracle), one record per socket.</summary>
    public static List<SsUnixLine> SsLines()
    {
        string text = File.ReadAllText(Path.Combine(LinuxFixture.SockDiagDirectory, "ss-unix-output.txt"));
        string unix = text[..text.IndexOf("\n# ss -wanH", StringComparison.Ordinal)];
        return unix.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SsUnixLine.Parse).ToList();
    }

    /// <summary>The lines of ss -wanH: netid-less raw lines "UNCONN rq sq local:proto peer".</summary>
    public static List<string[]> SsRawLines()
    {
        string text = File.ReadAllText(Path.Combine(LinuxFixture.SockDiagDirectory, "ss-unix-output.txt"));
        string raw = text[(text.IndexOf("# ss -wanH", StringComparison.Ordinal) + 10)..];
        return raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
    }

    internal sealed record Expected(System.Net.Sockets.SocketType Type, string? Name, ConnectionState State, long Inode, long? PeerInode, long? ReceiveQueue, long? SendQueue);
}
