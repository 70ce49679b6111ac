using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>`ss -tuanpH` as an oracle (tests only): its sockets as comparable keys, with the owning pids it found.</summary>
internal static class SsOracle
{
    public static HashSet<Key> Sockets() => SocketsWithOwners().Select(s => s.Key).ToHashSet();

    /// <summary>Every socket ss lists, with the sorted pids of its users:(("name",pid=N,fd=M),…).</summary>
    public static List<(Key Key, string Pids)> SocketsWithOwners()
    {
        var start = new ProcessStartInfo("ss", "-tuanpH") { RedirectStandardOutput = true, UseShellExecute = false };
        using Process p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var keys = new List<(Key, string)>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6)
            {
                continue;
            }

            string proto = f[0];
            var (local, localPort) = Endpoint(f[4]);
            var (remote, remotePort) = Endpoint(f[5]);
            var pids = System.Text.RegularExpressions.Regex.Matches(line, @"pid=(\d+)")
                .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();
            keys.Add((new Key(proto, local, localPort, remote, remotePort, State(proto, f[1])), string.Join(",", pids)));
        }

        return keys;
    }

    public static Key KeyOf(Connection c) =>
        new(c.Protocol == TransportProtocol.Tcp ? "tcp" : "udp", Address(c.LocalAddress!), c.LocalPort!.Value, Address(c.RemoteAddress!), c.RemotePort!.Value, c.State.ToString());

    public static Key KeyOf(HeldSockets.SocketKey s) =>
        new(s.Protocol == TransportProtocol.Tcp ? "tcp" : "udp", Address(s.Local), s.LocalPort, Address(s.Remote), s.RemotePort, s.State.ToString());

    private static (string Address, int Port) Endpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        string port = text[(colon + 1)..];
        return (Address(text[..colon]), port == "*" ? 0 : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    }

    // ss writes [v6] in brackets, %iface after link-local ones, and * / 0.0.0.0 / [::] for "any".
    private static string Address(string text)
    {
        int percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            text = text[..percent];
        }

        text = text.Trim('[', ']');
        return text is "*" or "0.0.0.0" or "::" ? "any" : text;
    }

    private static string State(string proto, string ss) => ss switch
    {
        "LISTEN" => "Listen",
        "ESTAB" => "Established",
        "UNCONN" => proto == "udp" ? "Listen" : "Closed",
        "SYN-SENT" => "SynSent",
        "SYN-RECV" => "SynReceived",
        "FIN-WAIT-1" => "FinWait1",
        "FIN-WAIT-2" => "FinWait2",
        "CLOSE-WAIT" => "CloseWait",
        "CLOSING" => "Closing",
        "LAST-ACK" => "LastAck",
        "TIME-WAIT" => "TimeWait",
        _ => ss,
    };

    internal sealed record Key(string Protocol, string Local, int LocalPort, string Remote, int RemotePort, string State);
}
