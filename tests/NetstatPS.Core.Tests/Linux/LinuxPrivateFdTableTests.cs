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
/// Owners beyond ss: a listener held only in a thread's private fd table (nsps-testhost
/// hold-private-thread: the thread called unshare(CLONE_FILES)), and a process in a child PID
/// namespace, which keeps the id the caller's namespace gives it. ss is the contrast: it lists the
/// private listener without users:(()).
/// </summary>
[Collection("LinuxLive")]
public class LinuxPrivateFdTableTests
{
    private readonly ITestOutputHelper output;

    public LinuxPrivateFdTableTests(ITestOutputHelper output) => this.output = output;

    [FactNeeding(MachineNeed.Ss | MachineNeed.Unshare | MachineNeed.Root)]
    public void ASocketInAThreadsPrivateTableGetsTheOwnerSsCannotSee()
    {
        using var holder = PrivateThreadHolder.Start("127.0.0.81");

        // ss, the oracle and the contrast: the shared listener has its user, the private one none.
        string ss = Run("ss", "-tlnpH", $"( sport = :{holder.PrivatePort} or sport = :{holder.SharedPort} )");
        this.output.WriteLine(ss);
        string privateLine = Assert.Single(ss.Split('\n'), l => l.Contains($":{holder.PrivatePort} ", StringComparison.Ordinal));
        string sharedLine = Assert.Single(ss.Split('\n'), l => l.Contains($":{holder.SharedPort} ", StringComparison.Ordinal));
        Assert.DoesNotContain("users:", privateLine, StringComparison.Ordinal);
        Assert.Contains($"pid={holder.ProcessId},", sharedLine, StringComparison.Ordinal);

        foreach (bool compare in new[] { true, false })
        {
            var rows = new List<Connection>();
            var warnings = new WarningCollector();
            new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink).Read(new ConnectionQuery { States = new[] { ConnectionState.Listen } }, rows, warnings);
            rows.RemoveAll(r => r.LocalPort != holder.PrivatePort && r.LocalPort != holder.SharedPort);
            var resolver = new LinuxProcessOwnerResolver("/proc", compare);
            resolver.Resolve(rows, warnings);
            Assert.Empty(warnings.Items);
            Assert.Equal(2, rows.Count);
            foreach (Connection c in rows)
            {
                // One owner each: the shared listener is in both tables (the private one is a copy), the same process.
                ProcessOwner owner = Assert.Single(c.Owners);
                Assert.Equal(holder.ProcessId, owner.ProcessId);
                Assert.Equal("nsps-testhost", owner.Name);
            }

            Assert.True(resolver.ThreadTablesWalked >= 1, $"compare={compare}: no thread table was walked");
            this.output.WriteLine($"compare={compare}: {resolver.ThreadTablesWalked} thread tables walked on this host");

            // Where the inode is: in the thread's table, not in the one /proc/PID/fd shows.
            long inode = rows.Single(r => r.LocalPort == holder.PrivatePort).Inode!.Value;
            Assert.DoesNotContain($"socket:[{inode}]", Links($"/proc/{holder.ProcessId}/fd"));
            Assert.Contains($"socket:[{inode}]", Links($"/proc/{holder.ProcessId}/task/{holder.ThreadId}/fd"));
        }

        // And through the public reader, as Get-NetConnectionEx calls it.
        Connection viaReader = Assert.Single(ConnectionReader.Read(new ConnectionQuery { LocalPorts = new[] { holder.PrivatePort } }).Items);
        Assert.Equal(holder.ProcessId, viaReader.ProcessId);
        Assert.Equal(HeldSockets.TestHostPath, viaReader.ProcessPath);
    }

    [FactNeeding(MachineNeed.Ss | MachineNeed.Unshare | MachineNeed.Root)]
    public void OnlyThreadTablesThatDifferAreWalked()
    {
        // A PID namespace of its own (fresh /proc): the private-table holder plus an ordinary
        // multithreaded holder, whose threads all share one table. Counts are then exact.
        string dir = RunInPidNamespace("""
            ip link set lo up
            mkfifo "$OUT/in1" "$OUT/in2"
            "$HOST" hold-private-thread 127.0.0.1 < "$OUT/in1" > "$OUT/private.json" &
            exec 3> "$OUT/in1"
            "$HOST" hold tcp-listen:127.0.0.1 < "$OUT/in2" > "$OUT/plain.json" &
            exec 4> "$OUT/in2"
            for i in $(seq 100); do [ -s "$OUT/private.json" ] && [ -s "$OUT/plain.json" ] && break; sleep 0.1; done
            P=$(sed 's/.*"PrivatePort":\([0-9]*\).*/\1/' "$OUT/private.json")
            S=$(sed 's/.*"SharedPort":\([0-9]*\).*/\1/' "$OUT/private.json")
            L=$(sed 's/.*"LocalPort":\([0-9]*\).*/\1/' "$OUT/plain.json")
            ls /proc/[0-9]*/task | grep -c '^[0-9]' > "$OUT/threads.txt" || true
            "$HOST" owners --port "$P" --port "$S" --port "$L" > "$OUT/kcmp-all.json"
            "$HOST" owners --port "$S" --port "$L" > "$OUT/kcmp-owned.json"
            "$HOST" owners --no-kcmp --port "$P" --port "$S" --port "$L" > "$OUT/nokcmp-all.json"
            "$HOST" owners --no-kcmp --port "$S" --port "$L" > "$OUT/nokcmp-owned.json"
            exec 3>&- 4>&-
            wait
            """);
        JsonElement kcmpAll = LinuxTestSupport.Json(dir, "kcmp-all.json");
        JsonElement kcmpOwned = LinuxTestSupport.Json(dir, "kcmp-owned.json");
        JsonElement noKcmpAll = LinuxTestSupport.Json(dir, "nokcmp-all.json");
        JsonElement noKcmpOwned = LinuxTestSupport.Json(dir, "nokcmp-owned.json");
        int threads = int.Parse(File.ReadAllText(Path.Combine(dir, "threads.txt")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        this.output.WriteLine($"threads in the namespace: {threads}; walked: kcmp {kcmpAll.GetProperty("ThreadTablesWalked")}/{kcmpOwned.GetProperty("ThreadTablesWalked")}, without kcmp {noKcmpAll.GetProperty("ThreadTablesWalked")}/{noKcmpOwned.GetProperty("ThreadTablesWalked")}");

        foreach (JsonElement result in new[] { kcmpAll, noKcmpAll })
        {
            Assert.Equal(3, result.GetProperty("Rows").GetArrayLength());
            Assert.All(result.GetProperty("Rows").EnumerateArray(), r => Assert.Equal(1, r.GetProperty("Owners").GetArrayLength()));
        }

        // kcmp: of the dozens of threads of three .NET processes, only the one private table is read.
        Assert.True(threads > 10, $"{threads} threads");
        Assert.Equal(1, kcmpAll.GetProperty("ThreadTablesWalked").GetInt32());
        Assert.Equal(1, kcmpOwned.GetProperty("ThreadTablesWalked").GetInt32());

        // Without kcmp: every thread's table, but only when a socket was left without an owner.
        Assert.True(noKcmpAll.GetProperty("ThreadTablesWalked").GetInt32() > 10);
        Assert.Equal(0, noKcmpOwned.GetProperty("ThreadTablesWalked").GetInt32());
    }

    [FactNeeding(MachineNeed.Ss | MachineNeed.Unshare | MachineNeed.Root)]
    public void AProcessInAChildPidNamespaceKeepsTheIdTheCallerSees()
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-p", "-f", "--kill-child", HeldSockets.TestHostPath, "hold", "tcp-listen:127.0.0.82" })
        {
            start.ArgumentList.Add(a);
        }

        using Process unshare = Process.Start(start)!;
        try
        {
            JsonElement held = JsonDocument.Parse(unshare.StandardOutput.ReadLine() ?? throw new InvalidOperationException(unshare.StandardError.ReadToEnd())).RootElement;
            int inner = held.GetProperty("ProcessId").GetInt32();
            int port = held.GetProperty("Sockets")[0].GetProperty("LocalPort").GetInt32();

            // The holder is pid 1 of its namespace; here it is unshare's child.
            int outer = int.Parse(File.ReadAllText($"/proc/{unshare.Id}/task/{unshare.Id}/children").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, inner);
            Assert.NotEqual(inner, outer);
            string nspid = File.ReadAllLines($"/proc/{outer}/status").Single(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
            Assert.Equal(new[] { outer.ToString(System.Globalization.CultureInfo.InvariantCulture), "1" }, nspid.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());

            Connection c = Assert.Single(ConnectionReader.Read(new ConnectionQuery { LocalPorts = new[] { port }, States = new[] { ConnectionState.Listen } }).Items);
            Assert.Equal(outer, c.ProcessId);
            Assert.Equal("nsps-testhost", c.ProcessName);

            // ss (which reads the same /proc) agrees.
            string ss = Run("ss", "-tlnpH", $"( sport = :{port} )");
            Assert.Contains($"pid={outer},", ss, StringComparison.Ordinal);
        }
        finally
        {
            unshare.StandardInput.Close();
            if (!unshare.WaitForExit(10000))
            {
                unshare.Kill();
            }
        }
    }

    private static HashSet<string> Links(string directory)
    {
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (string fd in Directory.GetFileSystemEntries(directory))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is string target)
                {
                    links.Add(target);
                }
            }
            catch (IOException)
            {
            }
        }

        return links;
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }

    /// <summary>Runs a bash script as pid 1 of new network, PID and mount namespaces with /proc of its own; $HOST and $OUT as in LinuxTestSupport.</summary>
    private static string RunInPidNamespace(string script)
    {
        string dir = Path.Combine(Path.GetTempPath(), "nsps-tasks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var psi = new ProcessStartInfo("unshare", new[] { "-n", "-p", "-f", "--mount-proc", "bash", "-c", "set -eu\n" + script })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["HOST"] = LinuxTestSupport.TestHost;
        psi.Environment["OUT"] = dir;
        using Process p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "the namespace script timed out");
        Assert.True(p.ExitCode == 0, $"namespace script failed ({p.ExitCode}): {stderr}\n{stdout.Result}");
        return dir;
    }

    /// <summary>A running nsps-testhost hold-private-thread.</summary>
    private sealed class PrivateThreadHolder : IDisposable
    {
        private readonly Process process;

        private PrivateThreadHolder(Process process, JsonElement e)
        {
            this.process = process;
            this.ProcessId = e.GetProperty("ProcessId").GetInt32();
            this.ThreadId = e.GetProperty("ThreadId").GetInt32();
            this.SharedPort = e.GetProperty("SharedPort").GetInt32();
            this.PrivatePort = e.GetProperty("PrivatePort").GetInt32();
        }

        public int ProcessId { get; }

        public int ThreadId { get; }

        public int SharedPort { get; }

        public int PrivatePort { get; }

        public static PrivateThreadHolder Start(string address)
        {
            var start = new ProcessStartInfo(HeldSockets.TestHostPath) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("hold-private-thread");
            start.ArgumentList.Add(address);
            Process p = Process.Start(start)!;
            string line = p.StandardOutput.ReadLine() ?? throw new InvalidOperationException("hold-private-thread failed: " + p.StandardError.ReadToEnd());
            return new PrivateThreadHolder(p, JsonDocument.Parse(line).RootElement);
        }

        public void Dispose()
        {
            this.process.StandardInput.Close();
            if (!this.process.WaitForExit(10000))
            {
                this.process.Kill();
            }

            this.process.Dispose();
        }
    }
}
