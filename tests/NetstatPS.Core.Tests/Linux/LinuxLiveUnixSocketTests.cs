using NetstatPS.Core.Tests.TestLayers;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;
using NetstatPS.Readers;
using Xunit;
using Xunit.Abstractions;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// Unix domain and raw sockets on this machine's kernel, held by nsps-testhost children, checked field
/// by field and against ss -xanp / ss -wanp as oracles.
/// </summary>
[Collection("LinuxLive")]
public sealed class LinuxLiveUnixSocketTests : IDisposable
{
    private static readonly ConnectionQuery UnixQuery = new() { Protocols = new[] { TransportProtocol.Unix } };

    private readonly ITestOutputHelper output;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "nsps-unix-" + Guid.NewGuid().ToString("N"));

    public LinuxLiveUnixSocketTests(ITestOutputHelper output)
    {
        this.output = output;
        Directory.CreateDirectory(this.directory);
    }

    private string[] EveryUnixKind => new[]
    {
        "unix-listen:" + this.At("listen.sock"),
        "unix-stream:" + this.At("stream.sock"),
        "unix-seqpacket:" + this.At("seq packet.sock"),
        "unix-abstract:nsps-live-" + Path.GetFileName(this.directory),
        "unix-dgram:" + this.At("lone.dgram"),
        "unix-dgram-connected:" + this.At("receiver.dgram"),
        "unix-pair",
    };

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [FactNeeding(MachineNeed.Ss)]
    public void CoreReturnsExactlyTheChildsUnixSocketsWithTypeNameStatePeerAndOwner()
    {
        using var held = HeldSockets.Start(false, this.EveryUnixKind);
        QueryResult<Connection> result = ConnectionReader.Read(UnixQuery);
        var mine = result.Items.Where(r => r.ProcessId == held.ProcessId).ToList();

        Assert.Equal(15, held.UnixSockets.Count);
        Assert.Equal(held.UnixSockets.ToHashSet(), mine.Select(HeldSockets.UnixKeyOf).ToHashSet());
        Assert.Equal(held.UnixSockets.Count, mine.Count);
        Assert.All(mine, r =>
        {
            Assert.Equal(TransportProtocol.Unix, r.Protocol);
            Assert.Equal("nsps-testhost", r.ProcessName);
            Assert.Equal(0, r.UserId);
            Assert.Equal("NetlinkSockDiag", r.Source);
            Assert.Null(r.AddressFamily);
            Assert.Null(r.LocalPort);

            // Every peer of these sockets is held by the same child.
            Assert.True((r.PeerInode is null ? null : held.ProcessId) == r.PeerProcessId, $"{r}: peer {r.PeerInode} owned by {r.PeerProcessId}");
        });
        Assert.Contains(mine, r => r.Path?.StartsWith('@') == true && r.State == ConnectionState.Listen);
        Assert.Empty(result.Warnings);
    }

    [FactNeeding(MachineNeed.Ss)]
    public void SsAgreesOnEveryUnixSocketPresentBeforeAndAfter()
    {
        using var held = HeldSockets.Start(false, this.EveryUnixKind);
        var before = SsUnix();
        var rows = ConnectionReader.Read(UnixQuery).Items;
        var after = SsUnix();

        var stable = before.Intersect(after).ToList();
        var byInode = rows.Where(r => r.Inode is not null).GroupBy(r => r.Inode!.Value).ToDictionary(g => g.Key, g => g.Single());
        int compared = 0;
        foreach (SsUnixLine line in stable)
        {
            Assert.True(byInode.TryGetValue(line.Inode, out Connection? c), $"ss lists {line} and NetstatPS does not");
            Assert.Equal(line.Netid, c!.Proto);
            Assert.Equal(line.ModelState, c.State);
            Assert.Equal(line.ReceiveQueue, c.ReceiveQueue);
            Assert.Equal(line.SendQueue, c.SendQueue);
            Assert.Equal(line.Name, c.Path);
            Assert.Equal(line.PeerInode, c.PeerInode);
            Assert.Equal(line.Pids, string.Join(",", c.Owners.Select(o => o.ProcessId)));
            compared++;
        }

        foreach (var s in held.UnixSockets)
        {
            Assert.Contains(stable, l => l.Inode == s.Inode);
        }

        this.output.WriteLine($"ss -xanp and NetstatPS agreed on {compared} Unix sockets (type, name, state, queues, inode, peer inode, owners)");
        Assert.True(compared >= held.UnixSockets.Count);
    }

    [FactNeeding(MachineNeed.Ss)]
    public void NetlinkAndProcNetGiveTheSameUnixObjectsBarWhatProcDoesNotPrint()
    {
        using var held = HeldSockets.Start(false, this.EveryUnixKind);
        var netlink = Read(LinuxConnectionPath.Netlink, UnixQuery).Where(r => r.ProcessId == held.ProcessId).ToList();
        var procnet = Read(LinuxConnectionPath.ProcNet, UnixQuery).Where(r => r.ProcessId == held.ProcessId).ToList();
        Assert.Equal(held.UnixSockets.Count, netlink.Count);
        Assert.Equal(netlink.Count, procnet.Count);
        var absent = new HashSet<string>
        {
            nameof(Connection.Source), nameof(Connection.ReceiveQueue), nameof(Connection.SendQueue), nameof(Connection.UserId),
            nameof(Connection.UserName), nameof(Connection.PeerInode), nameof(Connection.PeerProcessId), nameof(Connection.PeerProcessName),
            nameof(Connection.RemoteEndpoint), nameof(Connection.Timestamp),
        };
        foreach (Connection n in netlink)
        {
            Connection p = Assert.Single(procnet, r => r.Inode == n.Inode);
            foreach (var property in typeof(Connection).GetProperties().Where(pr => !absent.Contains(pr.Name)))
            {
                Assert.True(
                    JsonSerializer.Serialize(property.GetValue(n)) == JsonSerializer.Serialize(property.GetValue(p)),
                    $"{n}: {property.Name} netlink={JsonSerializer.Serialize(property.GetValue(n))} procnet={JsonSerializer.Serialize(property.GetValue(p))}");
            }

            Assert.Equal(("NetlinkSockDiag", "ProcNet"), (n.Source, p.Source));
            Assert.Null(p.PeerInode);
            Assert.Equal("*", p.RemoteEndpoint);
        }
    }

    [FactNeeding(MachineNeed.Ss)]
    public void FallsBackToProcNetUnixSilentlyWhenNetlinkCannotBeOpened()
    {
        const int Unsupported = 30;
        using var held = HeldSockets.Start(false, this.EveryUnixKind);
        var warnings = new WarningCollector();
        var rows = new List<Connection>();
        new LinuxConnectionSource("/proc", LinuxConnectionPath.Automatic, Unsupported).Read(UnixQuery, rows, warnings);
        new LinuxProcessOwnerResolver().Resolve(rows, warnings);
        Assert.Empty(warnings.Items);
        Assert.All(rows, r => Assert.Equal("ProcNet", r.Source));
        Assert.Equal(
            held.UnixSockets.Select(s => (s.Type, s.Path, s.State, s.Inode)).ToHashSet(),
            rows.Where(r => r.ProcessId == held.ProcessId).Select(r => (r.SocketType, r.Path, r.State, r.Inode!.Value)).ToHashSet());
        Assert.Throws<IOException>(() => new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink, Unsupported).Read(UnixQuery, new List<Connection>(), new WarningCollector()));
    }

    [FactNeeding(MachineNeed.Ss)]
    public void StatesFilterUnixSocketsAsTheyFilterUdpAndTcp()
    {
        using var held = HeldSockets.Start(false, this.EveryUnixKind);
        foreach (LinuxConnectionPath path in new[] { LinuxConnectionPath.Netlink, LinuxConnectionPath.ProcNet })
        {
            foreach (ConnectionState state in new[] { ConnectionState.Listen, ConnectionState.Established, ConnectionState.Closed })
            {
                var rows = Read(path, new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, States = new[] { state } });
                Assert.All(rows, r => Assert.Equal(state, r.State));
                Assert.Equal(
                    held.UnixSockets.Where(s => s.State == state).Select(s => s.Inode).Order(),
                    rows.Where(r => r.ProcessId == held.ProcessId).Select(r => r.Inode!.Value).Order());
            }
        }

        // Listen covers stream listeners and unconnected datagram sockets, as ss -l does.
        Assert.Equal(
            new[] { System.Net.Sockets.SocketType.Stream, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.SocketType.Seqpacket, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.SocketType.Dgram }.Order(),
            held.UnixSockets.Where(s => s.State == ConnectionState.Listen).Select(s => s.Type).Order());
    }

    [FactNeeding(MachineNeed.Ss)]
    public void APeerInAnotherProcessIsNamedWithItsOwner()
    {
        string path = this.At("served.sock");
        using var held = HeldSockets.Start(false, "unix-serve:" + path);
        const string Script =
            "import os, socket, sys\n" +
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect(sys.argv[1])\n" +
            "print(os.getpid(), os.fstat(s.fileno()).st_ino, flush=True)\n" +
            "sys.stdin.read()\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "-c", Script, path })
        {
            start.ArgumentList.Add(a);
        }

        using Process python = Process.Start(start)!;
        try
        {
            long[] f = python.StandardOutput.ReadLine()!.Split(' ').Select(long.Parse).ToArray();
            var query = new ConnectionQuery { Protocols = new[] { TransportProtocol.Unix }, States = new[] { ConnectionState.Established } };

            // The child accepts on its own thread: until it has, the server side has no inode and no owner.
            IReadOnlyList<Connection> rows = ConnectionReader.Read(query).Items;
            for (int wait = 0; wait < 50 && !rows.Any(r => r.Inode == f[1] && r.PeerProcessId is not null); wait++)
            {
                System.Threading.Thread.Sleep(100);
                rows = ConnectionReader.Read(query).Items;
            }

            Connection client = Assert.Single(rows, r => r.Inode == f[1]);
            Assert.Equal(((int)f[0], held.ProcessId, "nsps-testhost"), (client.ProcessId!.Value, client.PeerProcessId!.Value, client.PeerProcessName!));
            Assert.Equal(path + " " + client.PeerInode, client.RemoteEndpoint);

            // The accepted side carries the listener's path and names python as its peer's owner.
            Connection server = Assert.Single(rows, r => r.Inode == client.PeerInode);
            Assert.Equal(path, server.Path);
            Assert.StartsWith("python", server.PeerProcessName, StringComparison.Ordinal);
        }
        finally
        {
            python.StandardInput.Close();
            python.WaitForExit(10000);
        }
    }

    [FactNeeding(MachineNeed.Ss)]
    public void TheDefaultQueryListsNoUnixOrRawSockets()
    {
        using var held = HeldSockets.Start(false, "unix-stream:" + this.At("default.sock"), "raw-icmp:127.0.0.1", "tcp-listen:127.0.0.1");
        var mine = ConnectionReader.Read(new ConnectionQuery()).Items.Where(r => r.ProcessId == held.ProcessId).ToList();
        Assert.Equal(new[] { TransportProtocol.Tcp }, mine.Select(r => r.Protocol).Distinct());
    }

    [FactNeeding(MachineNeed.Ss)]
    public void RawSocketsAgreeWithSsWOnEveryPath()
    {
        using var held = HeldSockets.Start(false, "raw-icmp:127.0.0.1", "raw-icmp:::1");
        var rawQuery = new ConnectionQuery { Protocols = new[] { TransportProtocol.Raw } };
        var automatic = ConnectionReader.Read(rawQuery).Items.Where(r => r.ProcessId == held.ProcessId).ToList();
        Assert.Equal(held.Sockets.ToHashSet(), automatic.Select(HeldSockets.KeyOf).ToHashSet());
        Assert.Equal(2, automatic.Count);
        Assert.All(automatic, r => Assert.Equal(("nsps-testhost", "*:*"), (r.ProcessName!, r.RemoteEndpoint)));

        // The netlink path needs raw_diag (CONFIG_INET_RAW_DIAG); where the kernel lacks it the dump is
        // refused with ENOENT, and the automatic path read /proc/net/raw and raw6 instead.
        var procnet = Read(LinuxConnectionPath.ProcNet, rawQuery).Where(r => r.ProcessId == held.ProcessId).ToList();
        List<Connection>? netlink = null;
        try
        {
            netlink = Read(LinuxConnectionPath.Netlink, rawQuery).Where(r => r.ProcessId == held.ProcessId).ToList();
        }
        catch (IOException e)
        {
            Assert.Contains("errno 2)", e.Message, StringComparison.Ordinal);
        }

        string expectedSource = netlink is null ? "ProcNet" : "NetlinkSockDiag";
        this.output.WriteLine($"raw sockets on this kernel come from {expectedSource} (raw_diag {(netlink is null ? "absent: ENOENT" : "present")})");
        Assert.All(automatic, r => Assert.Equal(expectedSource, r.Source));
        foreach (Connection n in netlink ?? new List<Connection>())
        {
            Connection p = Assert.Single(procnet, r => r.Inode == n.Inode);
            Assert.Equal((n.Proto, n.LocalEndpoint, n.RemoteEndpoint, n.State, n.ReceiveQueue, n.UserId), (p.Proto, p.LocalEndpoint, p.RemoteEndpoint, p.State, p.ReceiveQueue, p.UserId));
        }

        // ss -wanp: UNCONN Recv-Q Send-Q Local:Proto Peer users:(("name",pid=N,fd=M)).
        var ss = Ss("-wanpH").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6 && f[5].Contains($"pid={held.ProcessId},", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ss.Count);
        foreach (string[] f in ss)
        {
            Connection c = Assert.Single(automatic, r => r.LocalEndpoint == f[3]);
            Assert.Equal(("UNCONN", f[1], f[2]), ("UNCONN", c.ReceiveQueue.ToString(), c.SendQueue.ToString()));
        }

        this.output.WriteLine($"ss -wanp and NetstatPS agreed on {ss.Count} raw sockets");
    }

    private static List<Connection> Read(LinuxConnectionPath path, ConnectionQuery query)
    {
        var warnings = new WarningCollector();
        var rows = new List<Connection>();
        new LinuxConnectionSource("/proc", path).Read(query, rows, warnings);
        new LinuxProcessOwnerResolver().Resolve(UnixPeers.WithUnlistedPeers(rows), warnings);
        return rows;
    }

    private static List<SsUnixLine> SsUnix() => Ss("-xanpH").Select(SsUnixLine.Parse).ToList();

    private static string[] Ss(string arguments)
    {
        var start = new ProcessStartInfo("ss", arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using Process p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private string At(string name) => Path.Combine(this.directory, name);
}
