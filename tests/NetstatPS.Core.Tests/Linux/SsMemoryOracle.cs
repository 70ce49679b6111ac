using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// `ss -tuanmH` as the socket-memory oracle (tests only): each socket line is followed by a line with
/// skmem:(r…,rb…,t…,tb…,f…,w…,o…,bl…,d…), or by an empty line for mini sockets (TIME-WAIT, SYN-RECV).
/// </summary>
internal static class SsMemoryOracle
{
    private static readonly Regex Skmem = new(@"skmem:\(r(\d+),rb(\d+),t(\d+),tb(\d+),f(\d+),w(\d+),o(\d+)(?:,bl(\d+))?(?:,d(\d+))?\)", RegexOptions.CultureInvariant);

    /// <summary>Runs ss -tuanmH now.</summary>
    public static Dictionary<Key, Figures?> Run()
    {
        var start = new ProcessStartInfo("ss", "-tuanmH") { RedirectStandardOutput = true, UseShellExecute = false };
        using Process p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return Parse(text);
    }

    /// <summary>Parses saved or live ss -tuanmH output; a socket without skmem maps to null.</summary>
    public static Dictionary<Key, Figures?> Parse(string text)
    {
        var result = new Dictionary<Key, Figures?>();
        Key? pending = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                if (pending is not null)
                {
                    result[pending] = null;
                }

                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (local, localPort) = Endpoint(f[4]);
                var (remote, remotePort) = Endpoint(f[5]);
                pending = new Key(f[0], local, localPort, remote, remotePort);
                continue;
            }

            if (pending is null)
            {
                continue;
            }

            Match m = Skmem.Match(line);
            result[pending] = m.Success
                ? new Figures(N(m, 1), N(m, 2), N(m, 3), N(m, 4), N(m, 5), N(m, 6), N(m, 7), m.Groups[8].Success ? N(m, 8) : null, m.Groups[9].Success ? N(m, 9) : null)
                : null;
            pending = null;
        }

        if (pending is not null)
        {
            result[pending] = null;
        }

        return result;
    }

    public static Key KeyOf(Connection c) =>
        new(c.Protocol == TransportProtocol.Tcp ? "tcp" : "udp", Address(c.LocalAddress!), c.LocalPort!.Value, Address(c.RemoteAddress!), c.RemotePort!.Value);

    public static Figures? FiguresOf(SocketMemory? m) =>
        m is null ? null : new Figures(m.ReceiveAllocation, m.ReceiveBuffer, m.SendAllocation, m.SendBuffer, m.ForwardAllocation, m.WriteQueued, m.OptionMemory, m.Backlog, m.Drops);

    private static long? N(Match m, int group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static (string Address, int Port) Endpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        string port = text[(colon + 1)..];
        return (Address(text[..colon]), port == "*" ? 0 : int.Parse(port, CultureInfo.InvariantCulture));
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

    /// <summary>A socket as ss names it (no state: ss -m pairs figures with endpoints).</summary>
    internal sealed record Key(string Protocol, string Local, int LocalPort, string Remote, int RemotePort);

    /// <summary>skmem's nine figures in ss's order (bl and d are null where ss printed none).</summary>
    internal sealed record Figures(long? R, long? Rb, long? T, long? Tb, long? F, long? W, long? O, long? Bl, long? D);
}
