using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Abstractions;
using NetstatPS.Core.Tests.TestLayers;
using NetstatPS.Platforms.Linux;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>Live tests against this machine's kernel, with sockets held by nsps-testhost children on loopback.</summary>
[Collection("LinuxLive")]
public class LinuxLiveConnectionTests
{
    private static List<Connection> ReadWith(LinuxConnectionPath path, ConnectionQuery? query = null, bool owners = true, WarningCollector? warnings = null)
    {
        warnings ??= new WarningCollector();
        var rows = new List<Connection>();
        new LinuxConnectionSource("/proc", path).Read(query ?? new ConnectionQuery(), rows, warnings);
        if (owners)
        {
            new LinuxProcessOwnerResolver().Resolve(rows, warnings);
        }

        return rows;
    }

    [FactNeeding(MachineNeed.Root)]
    public void CoreReturnsExactlyTheChildsSocketsWithOwner()
    {
        using var held = HeldSockets.Start(false, HeldSockets.EveryKind);
        QueryResult<Connection> result = ConnectionReader.Read(new ConnectionQuery());
        var mine = result.Items.Where(r => r.ProcessId == held.ProcessId).ToList();

        Assert.Equal(held.Sockets.ToHashSet(), mine.Select(HeldSockets.KeyOf).ToHashSet());
        Assert.Equal(held.Sockets.Count, mine.Count);
        Assert.Equal(14, mine.Count);
        Assert.All(mine, r =>
        {
            Assert.Equal("nsps-testhost", r.ProcessName);
            Assert.Equal(HeldSockets.TestHostPath, r.ProcessPath);
            Assert.Equal(0, Assert.Single(r.Owners).UserId);
            Assert.Equal(0, r.UserId);
            Assert.Equal("NetlinkSockDiag", r.Source);
            Assert.NotNull(r.Inode);
        });

        // One ProcessOwner instance per process, shared by all its sockets.
        Assert.Single(mine.Select(r => r.Owners[0]).Distinct(ReferenceEqualityComparer.Instance));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void NetlinkAndProcNetGiveIdenticalObjectsForTheSameSockets()
    {
        using var held = HeldSockets.Start(false, HeldSockets.EveryKind);
        var netlink = ReadWith(LinuxConnectionPath.Netlink).Where(r => r.ProcessId == held.ProcessId).ToList();
        var procnet = ReadWith(LinuxConnectionPath.ProcNet).Where(r => r.ProcessId == held.ProcessId).ToList();
        Assert.Equal(held.Sockets.Count, netlink.Count);
        Assert.Equal(netlink.Count, procnet.Count);
        Assert.All(netlink, r => Assert.Equal("NetlinkSockDiag", r.Source));
        Assert.All(procnet, r => Assert.Equal("ProcNet", r.Source));

        var json = new JsonSerializerOptionsHolder();
        foreach (Connection n in netlink)
        {
            Connection p = Assert.Single(procnet, r => r.Inode == n.Inode);

            // Every public property equal, except the one /proc cannot print: a TCP listener's backlog limit.
            foreach (var property in typeof(Connection).GetProperties())
            {
                object? expected = property.GetValue(n);
                object? actual = property.GetValue(p);

                // SocketCookie is sock_diag's alone: /proc/net prints none.
                if (property.Name == nameof(Connection.Source) || property.Name == nameof(Connection.SocketCookie) ||
                    (property.Name == nameof(Connection.SendQueue) && n.Protocol == TransportProtocol.Tcp && n.State == ConnectionState.Listen))
                {
                    continue;
                }

                Assert.True(json.Same(expected, actual), $"{n}: {property.Name} netlink={json.Text(expected)} procnet={json.Text(actual)}");
            }

            if (n.Protocol == TransportProtocol.Tcp && n.State == ConnectionState.Listen)
            {
                Assert.Equal(16, n.SendQueue);
                Assert.Null(p.SendQueue);
            }
        }
    }

    [Fact]
    public void KernelSideStateFilterReturnsOnlyListeners()
    {
        using var held = HeldSockets.Start(false, HeldSockets.EveryKind);
        var query = new ConnectionQuery { States = new[] { ConnectionState.Listen } };
        foreach (LinuxConnectionPath path in new[] { LinuxConnectionPath.Netlink, LinuxConnectionPath.ProcNet })
        {
            var rows = ReadWith(path, query);
            Assert.All(rows, r => Assert.Equal(ConnectionState.Listen, r.State));
            var mine = rows.Where(r => r.ProcessId == held.ProcessId).Select(HeldSockets.KeyOf).ToHashSet();
            Assert.Equal(held.Sockets.Where(s => s.State == ConnectionState.Listen).ToHashSet(), mine);
        }

        var established = ReadWith(LinuxConnectionPath.Netlink, new ConnectionQuery { States = new[] { ConnectionState.Established }, Protocols = new[] { TransportProtocol.Udp } });
        Assert.All(established, r => Assert.Equal(TransportProtocol.Udp, r.Protocol));
        Assert.Equal(2, established.Count(r => r.ProcessId == held.ProcessId));
    }

    [FactNeeding(MachineNeed.Python3)]
    public void ForkedListenerReportsBothOwners()
    {
        const string script =
            "import os, socket, sys\n" +
            "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n" +
            "pid = os.fork()\n" +
            "if pid: print(s.getsockname()[1], os.getpid(), pid, flush=True)\n" +
            "sys.stdin.read()\n";
        TestLayer.Require(MachineNeed.Python3);
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using Process python = Process.Start(start)!;
        try
        {
            int[] f = python.StandardOutput.ReadLine()!.Split(' ').Select(int.Parse).ToArray();
            int port = f[0], parent = f[1], child = f[2];
            var rows = ConnectionReader.Read(new ConnectionQuery { LocalPorts = new[] { port }, States = new[] { ConnectionState.Listen } }).Items;
            Connection c = Assert.Single(rows);
            Assert.Equal(new[] { Math.Min(parent, child), Math.Max(parent, child) }, c.Owners.Select(o => o.ProcessId).ToArray());
            Assert.Equal(2, c.OwnerCount);
            Assert.Equal(Math.Min(parent, child), c.ProcessId);
            Assert.All(c.Owners, o => Assert.StartsWith("python", o.Name, StringComparison.Ordinal));

            // Filtering by the child's id still finds the shared socket, with both owners: the walk read
            // only the child's table, then its family's (the parent holds the socket too).
            var byChild = ConnectionReader.Read(new ConnectionQuery { LocalPorts = new[] { port }, ProcessIds = new[] { child } }).Items;
            Assert.Equal(new[] { Math.Min(parent, child), Math.Max(parent, child) }, Assert.Single(byChild).Owners.Select(o => o.ProcessId).ToArray());
            var byParent = ConnectionReader.Read(new ConnectionQuery { LocalPorts = new[] { port }, ProcessIds = new[] { parent } }).Items;
            Assert.Equal(2, Assert.Single(byParent).OwnerCount);
        }
        finally
        {
            python.StandardInput.Close();
            python.WaitForExit(10000);
        }
    }

    [FactNeeding(MachineNeed.Python3)]
    public void ASocketSelectedThroughOneWorkerListsItsMasterAndTheOtherWorkers()
    {
        // A prefork server: the master listens, then forks two workers. Selecting one worker reads its
        // table, its ancestors' (the master holds the listener), then the master's other descendants.
        const string script =
            "import os, socket, sys\n" +
            "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n" +
            "kids = []\n" +
            "for i in range(2):\n" +
            "    pid = os.fork()\n" +
            "    if pid == 0:\n" +
            "        sys.stdin.read(); os._exit(0)\n" +
            "    kids.append(pid)\n" +
            "print(s.getsockname()[1], os.getpid(), kids[0], kids[1], flush=True)\n" +
            "sys.stdin.read()\n";
        TestLayer.Require(MachineNeed.Python3);
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using Process python = Process.Start(start)!;
        try
        {
            int[] f = python.StandardOutput.ReadLine()!.Split(' ').Select(int.Parse).ToArray();
            int port = f[0];
            int[] all = f.Skip(1).OrderBy(p => p).ToArray();
            var resolver = new LinuxProcessOwnerResolver();
            foreach (string name in new[] { "id", "name" })
            {
                var rows = new List<Connection>();
                var warnings = new WarningCollector();
                var query = name == "id"
                    ? new ConnectionQuery { LocalPorts = new[] { port }, ProcessIds = new[] { f[2] } }
                    : new ConnectionQuery { LocalPorts = new[] { port }, ProcessNames = new[] { new NetstatPS.Filtering.NamePattern("python*") } };
                new LinuxConnectionSource().Read(query, rows, warnings);
                Connection c = Assert.Single(rows);
                resolver.ResolveSelected(rows, query, warnings);
                Assert.Equal(all, c.Owners.Select(o => o.ProcessId).ToArray());
                if (name == "id")
                {
                    // Not the whole /proc: the worker, its few ancestors, and the master's other worker.
                    int processes = Directory.GetDirectories("/proc").Count(d => int.TryParse(Path.GetFileName(d), out _));
                    Assert.True(resolver.ProcessesWalked < 20 && resolver.ProcessesWalked < processes, $"{resolver.ProcessesWalked} of {processes} fd tables read");
                }
            }
        }
        finally
        {
            python.StandardInput.Close();
            python.WaitForExit(10000);
        }
    }

    [FactNeeding(MachineNeed.Ss)]
    public void SsAgreesOnEverySocketAndOwnerPresentBeforeAndAfter()
    {
        using var held = HeldSockets.Start(false, HeldSockets.EveryKind);
        var before = SsOracle.SocketsWithOwners();
        var result = ConnectionReader.Read(new ConnectionQuery()).Items;
        var after = SsOracle.SocketsWithOwners();

        var core = result.Select(SsOracle.KeyOf).ToHashSet();
        var stable = before.Select(s => s.Key).Intersect(after.Select(s => s.Key)).ToHashSet();
        Assert.NotEmpty(stable);
        var missing = stable.Where(s => !core.Contains(s)).ToList();
        Assert.True(missing.Count == 0, "ss saw but NetstatPS did not: " + string.Join("; ", missing));

        // The child's sockets are among them, so the comparison covers v4, v6, TCP and UDP rows.
        foreach (var s in held.Sockets)
        {
            Assert.Contains(SsOracle.KeyOf(s), stable);
        }

        // Whatever NetstatPS returned that ss also listed before and after, with the same endpoints, has ss's state.
        var stableByEndpoints = stable.ToLookup(s => s with { State = string.Empty });
        foreach (var row in core)
        {
            var same = stableByEndpoints[row with { State = string.Empty }].ToList();
            if (same.Count > 0)
            {
                Assert.Contains(row, same);
            }
        }

        // Owners: where ss found the same owners before and after (a unique socket key), NetstatPS found exactly those pids.
        var ownersBefore = before.GroupBy(s => s.Key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Pids);
        var ownersAfter = after.GroupBy(s => s.Key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Pids);
        int compared = 0;
        foreach (var group in result.GroupBy(SsOracle.KeyOf).Where(g => g.Count() == 1))
        {
            if (ownersBefore.TryGetValue(group.Key, out string? b) && ownersAfter.TryGetValue(group.Key, out string? a) && a == b)
            {
                Assert.Equal(b, string.Join(",", group.Single().Owners.Select(o => o.ProcessId)));
                compared++;
            }
        }

        Assert.True(compared >= held.Sockets.Count, $"only {compared} sockets had stable owners in ss");
    }

    [FactNeeding(MachineNeed.OtherUser)]
    public void UnprivilegedRunListsEverySocketWithOwnersOnlyForItsOwnProcesses()
    {
        using var rootHeld = HeldSockets.Start(false, "tcp-listen:127.0.0.1", "tcp-pair:::1", "udp:127.0.0.3");
        using var nobodyHeld = HeldSockets.Start(true, "tcp-listen:127.0.0.1", "udp:::1");
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", WorldReachableTestHost.Path, "connections" })
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        JsonElement root = JsonDocument.Parse(output).RootElement;
        var rows = root.GetProperty("Rows").EnumerateArray().ToList();

        string warning = Assert.Single(root.GetProperty("Warnings").EnumerateArray()).GetString()!;
        Assert.Contains("not visible to nobody", warning, StringComparison.Ordinal);
        Assert.Contains("Run as root", warning, StringComparison.Ordinal);

        foreach (var s in rootHeld.Sockets)
        {
            JsonElement row = Assert.Single(rows, r => Matches(r, s));
            Assert.Equal(JsonValueKind.Null, row.GetProperty("ProcessId").ValueKind);
            Assert.Equal(0, row.GetProperty("UserId").GetInt32());
        }

        foreach (var s in nobodyHeld.Sockets)
        {
            JsonElement row = Assert.Single(rows, r => Matches(r, s));
            Assert.Equal(nobodyHeld.ProcessId, row.GetProperty("ProcessId").GetInt32());
            Assert.Equal("nsps-testhost", row.GetProperty("ProcessName").GetString());
            Assert.Equal(65534, row.GetProperty("UserId").GetInt32());
        }

        // The count in the warning is the rows left without owner (mini sockets have no owner to find).
        int hidden = rows.Count(r => r.GetProperty("ProcessId").ValueKind == JsonValueKind.Null && r.GetProperty("Inode").ValueKind != JsonValueKind.Null);
        Assert.Contains($"Owners of {hidden} sockets", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void OwnersAreResolvedOnlyForTheRowsPassedIn()
    {
        using var held = HeldSockets.Start(false, "tcp-pair:127.0.0.2");
        var rows = ReadWith(LinuxConnectionPath.Netlink, owners: false);
        var mine = rows.Where(r => held.Sockets.Any(s => HeldSockets.KeyOf(r) == s)).ToList();
        Assert.Equal(3, mine.Count);
        var subset = new List<Connection> { mine[0] };
        new LinuxProcessOwnerResolver().Resolve(subset, new WarningCollector());
        Assert.Equal(held.ProcessId, mine[0].ProcessId);
        Assert.Null(mine[1].ProcessId);
        Assert.Null(mine[2].ProcessId);
    }

    [Fact]
    public void FallsBackToProcNetSilentlyWhenNetlinkCannotBeOpened()
    {
        // Netlink protocol 30 does not exist: socket() fails with EPROTONOSUPPORT, as in a sandbox without sock_diag.
        const int Unsupported = 30;
        using var held = HeldSockets.Start(false, HeldSockets.EveryKind);
        var warnings = new WarningCollector();
        var rows = new List<Connection>();
        new LinuxConnectionSource("/proc", LinuxConnectionPath.Automatic, Unsupported).Read(new ConnectionQuery(), rows, warnings);
        new LinuxProcessOwnerResolver().Resolve(rows, warnings);
        Assert.Empty(warnings.Items);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("ProcNet", r.Source));
        Assert.Equal(held.Sockets.ToHashSet(), rows.Where(r => r.ProcessId == held.ProcessId).Select(HeldSockets.KeyOf).ToHashSet());

        var forced = new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink, Unsupported);
        Assert.Throws<System.IO.IOException>(() => forced.Read(new ConnectionQuery(), new List<Connection>(), new WarningCollector()));
    }

    [Fact]
    public void TcpInfoIsFilledForTcpRowsWhenAsked()
    {
        using var held = HeldSockets.Start(false, "tcp-pair:127.0.0.2", "udp:127.0.0.3");
        var rows = ReadWith(LinuxConnectionPath.Netlink, new ConnectionQuery { IncludeTcpInfo = true }).Where(r => r.ProcessId == held.ProcessId).ToList();
        Assert.Equal(4, rows.Count);
        foreach (Connection r in rows)
        {
            if (r.Protocol == TransportProtocol.Udp)
            {
                Assert.Null(r.TcpInfo);
                continue;
            }

            TcpMetrics m = Assert.IsType<TcpMetrics>(r.TcpInfo);
            Assert.False(string.IsNullOrEmpty(m.CongestionAlgorithm));
            Assert.NotNull(m.BytesSent);
            if (r.State == ConnectionState.Established)
            {
                Assert.InRange(m.MaxSegmentSize!.Value, 500, 65536);
                Assert.InRange(m.RoundTripTimeMs!.Value, 0.0001, 1000);
                Assert.True(m.SegmentsReceived >= 1);
            }
        }

        Assert.All(ReadWith(LinuxConnectionPath.Netlink, owners: false), r => Assert.Null(r.TcpInfo));
    }

    private static bool Matches(JsonElement r, HeldSockets.SocketKey s) =>
        r.GetProperty("Protocol").GetString() == s.Protocol.ToString() &&
        r.GetProperty("LocalAddress").GetString() == s.Local && r.GetProperty("LocalPort").GetInt32() == s.LocalPort &&
        r.GetProperty("RemoteAddress").GetString() == s.Remote && r.GetProperty("RemotePort").GetInt32() == s.RemotePort &&
        r.GetProperty("State").GetString() == s.State.ToString();

    /// <summary>Compares property values by their JSON text (owners and TcpMetrics by content).</summary>
    private sealed class JsonSerializerOptionsHolder
    {
        public bool Same(object? a, object? b) => this.Text(a) == this.Text(b);

        public string Text(object? value) => JsonSerializer.Serialize(value);
    }
}
