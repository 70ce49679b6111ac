using NetstatPS.Core.Tests.TestLayers;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;
using Xunit;
using Xunit.Abstractions;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// -IncludeSocketMemory against the running kernel, with `ss -tuanmH` as the oracle: a Python child
/// holds sockets at rest with known memory (set buffers, 3000 unread bytes, data queued behind a zero
/// window, queued and dropped UDP datagrams) on loopback addresses of its own.
/// </summary>
[Collection("LinuxLive")]
public class LinuxSocketMemoryLiveTests
{
    private const string Holder =
        "import json, socket, sys, time\n" +
        "keep = []\n" +
        "def t(rcv=None, snd=None, fam=socket.AF_INET):\n" +
        "    s = socket.socket(fam, socket.SOCK_STREAM); keep.append(s)\n" +
        "    if rcv: s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcv)\n" +
        "    if snd: s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, snd)\n" +
        "    return s\n" +
        "def listen(addr, fam=socket.AF_INET, **b):\n" +
        "    s = t(fam=fam, **b); s.bind((addr, 0)); s.listen(4); return s\n" +
        "def pair(addr, fam=socket.AF_INET, lb={}, cb={}):\n" +
        "    l = listen(addr, fam, **lb); c = t(fam=fam, **cb); c.bind((addr, 0)); c.connect(l.getsockname()[:2])\n" +
        "    a, _ = l.accept(); keep.append(a); return l, c, a\n" +
        "out = {}\n" +
        "out['default'] = listen('127.0.0.71').getsockname()[1]\n" +
        "out['setbufs'] = listen('127.0.0.71', rcv=65536, snd=32768).getsockname()[1]\n" +
        "l, c, a = pair('127.0.0.72'); c.sendall(b'q' * 3000); out['unread'] = a.getsockname()[1]\n" +
        "l, c, a = pair('127.0.0.73', lb={'rcv': 4096}); c.setblocking(False)\n" +
        "try:\n" +
        "    while True: c.send(b'z' * 4096)\n" +
        "except BlockingIOError: pass\n" +
        "out['queued'] = c.getsockname()[1]\n" +
        "l, c, a = pair('::1', socket.AF_INET6); out['pair6'] = c.getsockname()[1]\n" +
        "u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u1.bind(('127.0.0.74', 0)); keep.append(u1)\n" +
        "u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u2.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1); u2.bind(('127.0.0.74', 0)); keep.append(u2)\n" +
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); keep.append(s)\n" +
        "for _ in range(3): s.sendto(b'u' * 100, u1.getsockname())\n" +
        "for _ in range(40): s.sendto(b'd' * 1000, u2.getsockname())\n" +
        "out['udp'] = u1.getsockname()[1]; out['dropping'] = u2.getsockname()[1]\n" +
        "time.sleep(0.5)\n" +
        "print(json.dumps(out), flush=True)\n" +
        "sys.stdin.read()\n";

    private readonly ITestOutputHelper output;

    public LinuxSocketMemoryLiveTests(ITestOutputHelper output) => this.output = output;

    private static List<Connection> Read(LinuxConnectionPath path, WarningCollector warnings, int netlinkProtocol = Interop.Linux.LibCSockets.NETLINK_SOCK_DIAG)
    {
        var rows = new List<Connection>();
        new LinuxConnectionSource("/proc", path, netlinkProtocol).Read(new ConnectionQuery { IncludeSocketMemory = true }, rows, warnings);
        return rows;
    }

    /// <summary>ss -xamH: inode → skmem figures (the local name may hold blanks; the inode follows it).</summary>
    private static Dictionary<long, SsMemoryOracle.Figures> SsUnixMemory()
    {
        var start = new ProcessStartInfo("ss", "-xamH") { RedirectStandardOutput = true, UseShellExecute = false };
        using Process p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var result = new Dictionary<long, SsMemoryOracle.Figures>();
        var line = new System.Text.RegularExpressions.Regex(@"^\S+\s+\S+\s+\d+\s+\d+\s+.*?\s(\d+)\s+\S+\s+\d+\s+skmem:\(r(\d+),rb(\d+),t(\d+),tb(\d+),f(\d+),w(\d+),o(\d+),bl(\d+),d(\d+)\)");
        foreach (string l in text.Split('\n'))
        {
            var m = line.Match(l);
            if (m.Success)
            {
                long N(int g) => long.Parse(m.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture);
                result[N(1)] = new SsMemoryOracle.Figures(N(2), N(3), N(4), N(5), N(6), N(7), N(8), N(9), N(10));
            }
        }

        return result;
    }

    private static Process StartHolder(out JsonElement ports)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Holder);
        Process p = Process.Start(start)!;
        ports = JsonDocument.Parse(p.StandardOutput.ReadLine()!).RootElement.Clone();
        return p;
    }

    private static void Stop(Process p)
    {
        p.StandardInput.Close();
        if (!p.WaitForExit(10000))
        {
            p.Kill();
        }

        p.Dispose();
    }

    [FactNeeding(MachineNeed.Ss)]
    public void SocketsAtRestHaveExactlySsSkmemFigures()
    {
        Process holder = StartHolder(out JsonElement ports);
        try
        {
            var before = SsMemoryOracle.Run();
            var warnings = new WarningCollector();
            List<Connection> rows = Read(LinuxConnectionPath.Netlink, warnings);
            var after = SsMemoryOracle.Run();
            Assert.Empty(warnings.Items);

            // Every socket ss showed with the same figures before and after is at rest: NetstatPS must
            // give exactly those nine figures. Buffer sizes must agree for every socket ss saw both times.
            int exact = 0, buffers = 0, mini = 0;
            foreach (Connection c in rows)
            {
                SsMemoryOracle.Key key = SsMemoryOracle.KeyOf(c);
                if (!before.TryGetValue(key, out SsMemoryOracle.Figures? b) || !after.TryGetValue(key, out SsMemoryOracle.Figures? a))
                {
                    continue;
                }

                SsMemoryOracle.Figures? mine = SsMemoryOracle.FiguresOf(c.SocketMemory);
                if (b is null && a is null)
                {
                    Assert.Null(mine);
                    mini++;
                    continue;
                }

                if (b is not null && a is not null)
                {
                    Assert.NotNull(mine);
                    if (b.Rb == a.Rb && b.Tb == a.Tb)
                    {
                        Assert.Equal((b.Rb, b.Tb), (mine!.Rb, mine.Tb));
                        buffers++;
                    }

                    if (b == a)
                    {
                        Assert.Equal(b, mine);
                        exact++;
                    }
                }
            }

            this.output.WriteLine($"compared with ss -tuanmH: {exact} sockets with all nine figures equal, {buffers} with rb/tb equal, {mini} mini sockets without skmem on both sides, of {rows.Count} rows");

            // The holder's own sockets are all at rest, so all of them are among the exact ones.
            foreach (string name in new[] { "default", "setbufs", "unread", "queued", "pair6", "udp", "dropping" })
            {
                int port = ports.GetProperty(name).GetInt32();
                var mine = rows.Where(r => r.LocalPort == port).ToList();
                Assert.NotEmpty(mine);
                Assert.All(mine, r => Assert.Equal(before[SsMemoryOracle.KeyOf(r)], SsMemoryOracle.FiguresOf(r.SocketMemory)));
            }

            SocketMemory set = rows.Single(r => r.LocalPort == ports.GetProperty("setbufs").GetInt32()).SocketMemory!;
            Assert.Equal((131072L, 65536L), (set.ReceiveBuffer!.Value, set.SendBuffer!.Value));
            Connection unread = rows.Single(r => r.LocalPort == ports.GetProperty("unread").GetInt32() && r.State == ConnectionState.Established);
            Assert.Equal(3000, unread.ReceiveQueue);
            Assert.True(unread.SocketMemory!.ReceiveAllocation > 3000);
            Connection queued = rows.Single(r => r.LocalPort == ports.GetProperty("queued").GetInt32());
            Assert.True(queued.SocketMemory!.WriteQueued >= queued.SendQueue && queued.SendQueue > 0);
            Assert.InRange(rows.Single(r => r.LocalPort == ports.GetProperty("dropping").GetInt32()).SocketMemory!.Drops!.Value, 1, 39);
            Assert.True(exact >= 12, $"only {exact} sockets were at rest");
        }
        finally
        {
            Stop(holder);
        }
    }

    [FactNeeding(MachineNeed.Ss)]
    public void UnixSocketsHaveSsXmFiguresToo()
    {
        // unix_diag's UNIX_DIAG_MEMINFO, compared with ss -xamH by inode for the child's sockets at rest.
        string dir = Path.Combine(Path.GetTempPath(), "nsps-skmem-unix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var held = HeldSockets.Start(false, "unix-listen:" + Path.Combine(dir, "l.sock"), "unix-stream:" + Path.Combine(dir, "s.sock"), "unix-dgram-connected:" + Path.Combine(dir, "d.sock"), "unix-pair");
            var before = SsUnixMemory();
            var warnings = new WarningCollector();
            var rows = new List<Connection>();
            new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink).Read(new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, IncludeSocketMemory = true }, rows, warnings);
            var after = SsUnixMemory();
            Assert.Empty(warnings.Items);
            int compared = 0;
            foreach (var s in held.UnixSockets)
            {
                Connection c = Assert.Single(rows, r => r.Inode == s.Inode);
                Assert.NotNull(c.SocketMemory);
                if (before.TryGetValue(s.Inode, out var b) && after.TryGetValue(s.Inode, out var a) && b == a)
                {
                    Assert.Equal(b, SsMemoryOracle.FiguresOf(c.SocketMemory));
                    compared++;
                }
            }

            this.output.WriteLine($"Unix sockets compared with ss -xamH: {compared} of {held.UnixSockets.Count}");
            Assert.True(compared >= held.UnixSockets.Count - 1, $"only {compared} of {held.UnixSockets.Count} Unix sockets were at rest in ss");

            var plain = new List<Connection>();
            new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink).Read(new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix } }, plain, new WarningCollector());
            Assert.All(plain, r => Assert.Null(r.SocketMemory));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [FactNeeding(MachineNeed.Ss)]
    public void WithoutTheSwitchNoRowCarriesSocketMemory()
    {
        var rows = new List<Connection>();
        new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink).Read(new ConnectionQuery(), rows, new WarningCollector());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Null(r.SocketMemory));
    }

    [FactNeeding(MachineNeed.Ss)]
    public void TheProcNetFallbackGivesNoSocketMemoryAndWarnsOnce()
    {
        Process holder = StartHolder(out JsonElement ports);
        try
        {
            foreach (var (path, protocol) in new[] { (LinuxConnectionPath.ProcNet, Interop.Linux.LibCSockets.NETLINK_SOCK_DIAG), (LinuxConnectionPath.Automatic, 30) })
            {
                // Netlink protocol 30 does not exist: the automatic path falls back for all four dumps.
                var warnings = new WarningCollector();
                List<Connection> rows = Read(path, warnings, protocol);
                Assert.Contains(rows, r => r.LocalPort == ports.GetProperty("unread").GetInt32());
                Assert.All(rows, r =>
                {
                    Assert.Equal("ProcNet", r.Source);
                    Assert.Null(r.SocketMemory);
                });
                Assert.Equal(LinuxConnectionSource.ProcNetHasNoSocketMemory, Assert.Single(warnings.Items));
            }
        }
        finally
        {
            Stop(holder);
        }
    }
}
