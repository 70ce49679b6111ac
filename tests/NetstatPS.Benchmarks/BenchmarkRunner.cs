using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.Benchmarks;

/// <summary>
/// Runs every case at every farm size, alternating the commands of a case round by round
/// (A B C A B C …) on the same socket set, then prints the report.
/// </summary>
internal sealed class BenchmarkRunner
{
    public const string CaseOwners = "all TCP + owners";
    public const string CaseNoOwners = "all TCP, no owners";
    public const string CaseListen = "-State Listen";
    public const string CaseListenOwners = "-State Listen + owners";
    public const string CasePort = "-LocalPort + owners";
    public const string CaseBreakdown = "owners case, split";
    public const string CaseKernelPort = "-LocalPort, no owners";
    public const string CaseProcessId = "-ProcessId <one process>";

    public const string NspsInProcess = "nsps in-process";
    public const string NspsFresh = "nsps fresh process";
    public const string NspsUnfiltered = "nsps in-process, no filter";
    public const string SsOwners = "ss -tanp";
    public const string NetstatOwners = "netstat -tanp";
    public const string Psutil = "psutil net_connections";
    public const string SsAll = "ss -tan";
    public const string NetstatAll = "netstat -tan";
    public const string SsListen = "ss -tan state listening";
    public const string SsListenOwners = "ss -tanp state listening";
    public const string SsPort = "ss -tanp sport = :PORT";
    public const string SsKernelPort = "ss -tan sport = :PORT";
    public const string NspsPwsh = "nsps in pwsh";
    public const string NspsWholeNoOwners = "nsps in-process, all, no owners";
    public const string NspsPwshWholeNoOwners = "nsps in pwsh, all, no owners";
    public const string SplitDump = "kernel dump + decode";
    public const string SplitOwners = "owners (/proc walk)";
    public const string SplitFloor = "floor: readlinkat every fd";

    private const string PythonPath = "/usr/bin/python3";

    private readonly BenchOptions options;
    private readonly bool insideNamespace;
    private readonly List<CaseResult> cases = new();
    private readonly List<MemoryResult> memory = new();
    private readonly List<string> notes = new();
    private readonly List<string> ownerChecks = new();
    private readonly List<string> farms = new();
    private readonly Dictionary<string, string?> toolSkips = new(StringComparer.Ordinal);
    private PwshSession? pwsh;
    private RunResult? coldFirstCall;
    private int coldFirstCallSockets;

    public BenchmarkRunner(BenchOptions options, bool insideNamespace)
    {
        this.options = options;
        this.insideNamespace = insideNamespace;
    }

    public int Run()
    {
        DateTime started = DateTime.UtcNow;
        string loadBefore = ReadTrim("/proc/loadavg");
        if (this.insideNamespace)
        {
            ExternalCommand.Capture("ip", "link", "set", "lo", "up");
        }

        this.FindTools();
        var stopwatch = Stopwatch.StartNew();
        if (this.toolSkips["pwsh"] is null && (this.options.Runs("owners") || this.options.Runs("port-kernel") || this.options.Runs("pid")))
        {
            Progress("pwsh: starting one persistent dotnet tool run pwsh with out/NetstatPS imported ...");
            this.pwsh = PwshSession.TryStart();
            this.toolSkips["pwsh"] = this.pwsh is null ? PwshSession.StartError : null;
        }

        try
        {
            this.MeasureSizes(this.farms);
        }
        finally
        {
            this.pwsh?.Dispose();
        }

        string loadAfter = ReadTrim("/proc/loadavg");
        this.Write(started, loadBefore, loadAfter, stopwatch.Elapsed);
        return 0;
    }

    private void MeasureSizes(List<string> farmInfo)
    {
        foreach (int size in this.options.Sizes)
        {
            Progress($"farm: building {size} sockets ...");
            using SocketFarm farm = SocketFarm.Start(size, this.options);
            int seen = this.CountSockets();
            string seenText = seen >= 0 ? seen.ToString(CultureInfo.InvariantCulture) : "n/a";
            string info = $"{farm.Sockets} sockets in {farm.ProcessCount} processes (ss -tan sees {seenText}), " +
                          $"{farm.HotPairs} connections to port {farm.HotPort}, built in {farm.BuildTime.TotalSeconds:F1} s";
            Progress("farm: " + info);
            if (seen >= 0 && seen != farm.Sockets)
            {
                this.notes.Add($"at {size}: the farm reported {farm.Sockets} sockets but ss -tan sees {seen}");
            }

            this.MeasureSize(farm);

            int after = this.CountSockets();
            if (after >= 0 && after != seen)
            {
                this.notes.Add($"at {size}: the socket count changed during the cases ({seen} → {after}); raise --ttl?");
            }

            farmInfo.Add(info);
            farm.Dispose();
            this.WaitForEmptyTable(size);
        }
    }

    private void Write(DateTime started, string loadBefore, string loadAfter, TimeSpan elapsed)
    {
        var writer = new ReportWriter(Console.Out);
        writer.Header(started, loadBefore, loadAfter, this.insideNamespace, this.options, this.farms, elapsed);
        writer.Skips(this.toolSkips);
        writer.Cases(this.cases);
        writer.ColdCall(this.coldFirstCall, this.coldFirstCallSockets);
        writer.Notes(this.ownerChecks, string.Empty);
        writer.Memory(this.memory);
        writer.Notes(this.notes, "note: ");
        var targets = new TargetEvaluator(this.cases, this.memory);
        targets.Write(Console.Out);
        if (this.options.Markdown)
        {
            new MarkdownWriter(Console.Out).Write(started, loadBefore, loadAfter, this.cases, targets.Lines);
        }

        Console.Out.Flush();
    }

    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private static string ReadTrim(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static RunResult InProcess(ConnectionQuery query)
    {
        // The previous call's rows are collected before the clock starts, so every call starts alike.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            var sw = Stopwatch.StartNew();
            QueryResult<Connection> r = ConnectionReader.Read(query);
            sw.Stop();
            return new RunResult(sw.Elapsed.TotalMilliseconds, r.Items.Count, null);
        }
#pragma warning disable CA1031 // A failing provider is a result to report, not a broken benchmark.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return RunResult.Failed(e.GetType().Name + ": " + e.Message);
        }
    }

    private static RunResult Fresh(string query, int port) =>
        ExternalCommand.Run(SelfCommand.Create(QueryMode.Mode, query, port.ToString(CultureInfo.InvariantCulture)), 0);

    private void FindTools()
    {
        this.toolSkips["ss"] = this.options.Skip.Contains("ss") ? "--skip ss" : NamespaceLauncher.CommandExists("ss") ? null : "ss (iproute2) not installed";
        this.toolSkips["netstat"] = this.options.Skip.Contains("netstat") ? "--skip netstat" : NamespaceLauncher.CommandExists("netstat") ? null : "netstat (net-tools) not installed";
        string? psutil = this.options.Skip.Contains("psutil") ? "--skip psutil" : null;
        if (psutil is null && !File.Exists(PythonPath))
        {
            psutil = PythonPath + " not found";
        }
        else if (psutil is null)
        {
            RunResult probe = ExternalCommand.Run(ExternalCommand.Command(PythonPath, "-c", "import psutil"), 0);
            psutil = probe.Error is null ? null : "psutil not importable by " + PythonPath + " (apt install python3-psutil)";
        }

        this.toolSkips["psutil"] = psutil;
        this.toolSkips["pwsh"] = this.options.Skip.Contains("pwsh") ? "--skip pwsh" : null;
    }

    private Contender Tool(string tool, string name, ProcessStartInfo psi, int headerLines) =>
        new(name, () => ExternalCommand.Run(psi, headerLines), this.toolSkips[tool]);

    private Contender Pwsh(string query, int argument, string name = NspsPwsh) =>
        new(name, () => this.pwsh!.Run(query, argument), this.pwsh is null ? this.toolSkips["pwsh"] ?? "pwsh not started" : null);

    /// <summary>The -ProcessId case must return exactly the sockets that process holds (a farm process holds its own only).</summary>
    private void CheckProcessRows(SocketFarm farm, int pid)
    {
        QueryResult<Connection> byPid = ConnectionReader.Read(BenchQuery.Create(BenchQuery.ProcessId, pid));
        QueryResult<Connection> all = ConnectionReader.Read(BenchQuery.Create(BenchQuery.AllOwners, 0));
        int expected = all.Items.Count(c => c.Owners.Any(o => o.ProcessId == pid));
        bool right = byPid.Items.Count == expected && byPid.Items.All(c => c.Owners.Any(o => o.ProcessId == pid));
        string line = $"-ProcessId check at {farm.Sockets}: {byPid.Items.Count} rows for process {pid}, the full walk finds {expected}";
        this.ownerChecks.Add(line);
        if (!right)
        {
            this.notes.Add(line + ": the selective walk differs from the full one");
        }
    }

    private int CountSockets()
    {
        if (this.toolSkips["ss"] is not null)
        {
            return -1;
        }

        RunResult r = ExternalCommand.Run(ExternalCommand.Command("ss", "-tan"), 1);
        return r.Error is null ? (int)r.Rows : -1;
    }

    private void WaitForEmptyTable(int size)
    {
        var sw = Stopwatch.StartNew();
        int left;
        while ((left = this.CountSockets()) > 0 && sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            System.Threading.Thread.Sleep(200);
        }

        if (left > 0)
        {
            this.notes.Add($"after the {size} farm: {left} sockets still listed 30 s after the farm exited");
        }
    }

    private void MeasureSize(SocketFarm farm)
    {
        int size = farm.Sockets;
        int procs = farm.ProcessCount;
        int port = farm.HotPort;
        string portText = port.ToString(CultureInfo.InvariantCulture);

        if (this.coldFirstCall is null)
        {
            this.coldFirstCall = InProcess(BenchQuery.Create(BenchQuery.AllOwners, 0));
            this.coldFirstCallSockets = size;
        }

        // One warm-up call per query: JIT and first-touch costs stay out of the in-process medians.
        int kernelPort = SocketFarm.FirstPort;
        int onePid = farm.ProcessIds.ElementAt(farm.ProcessCount / 2);
        foreach (string q in new[] { BenchQuery.AllOwners, BenchQuery.AllNoOwners, BenchQuery.Listen, BenchQuery.ListenOwners, BenchQuery.PortOwners })
        {
            InProcess(BenchQuery.Create(q, port));
        }

        InProcess(BenchQuery.Create(BenchQuery.Port, kernelPort));
        InProcess(BenchQuery.Create(BenchQuery.ProcessId, onePid));
        if (this.pwsh is not null)
        {
            // The same warm-up in pwsh: each query once, untimed, per farm.
            this.pwsh.Run(BenchQuery.AllOwners, 0);
            this.pwsh.Run(BenchQuery.AllNoOwners, 0);
            this.pwsh.Run(BenchQuery.Port, kernelPort);
            this.pwsh.Run(BenchQuery.ProcessId, onePid);
        }

        ConnectionQuery owners = BenchQuery.Create(BenchQuery.AllOwners, port);
        this.CheckOwners(farm, owners);
        if (this.options.Runs("owners"))
        {
            this.RunCase(CaseOwners, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(owners)),
                new Contender(NspsFresh, () => Fresh(BenchQuery.AllOwners, port)),
                this.Pwsh(BenchQuery.AllOwners, 0),
                this.Tool("ss", SsOwners, ExternalCommand.Command("ss", "-tanp"), 1),
                this.Tool("ss", SsAll, ExternalCommand.Command("ss", "-tan"), 1),
                this.Tool("netstat", NetstatOwners, ExternalCommand.Command("netstat", "-tanp"), 2),
                new Contender(
                    Psutil,
                    () => ExternalCommand.Run(ExternalCommand.Command(PythonPath, "-c", "import psutil; c = psutil.net_connections('tcp'); print('\\n' * len(c), end='')"), 0),
                    this.toolSkips["psutil"]),
            });
        }

        ConnectionQuery all = BenchQuery.Create(BenchQuery.AllNoOwners, port);
        if (this.options.Runs("noowners"))
        {
            this.RunCase(CaseNoOwners, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(all)),
                new Contender(NspsFresh, () => Fresh(BenchQuery.AllNoOwners, port)),
                this.Tool("ss", SsAll, ExternalCommand.Command("ss", "-tan"), 1),
                this.Tool("netstat", NetstatAll, ExternalCommand.Command("netstat", "-tan"), 2),
            });
        }

        ConnectionQuery listen = BenchQuery.Create(BenchQuery.Listen, port);
        if (this.options.Runs("listen"))
        {
            this.RunCase(CaseListen, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(listen)),
                new Contender(NspsFresh, () => Fresh(BenchQuery.Listen, port)),
                this.Tool("ss", SsListen, ExternalCommand.Command("ss", "-tan", "state", "listening"), 1),
            });
        }

        ConnectionQuery listenOwners = BenchQuery.Create(BenchQuery.ListenOwners, port);
        if (this.options.Runs("listen-owners"))
        {
            this.RunCase(CaseListenOwners, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(listenOwners)),
                this.Tool("ss", SsListenOwners, ExternalCommand.Command("ss", "-tanp", "state", "listening"), 1),
            });
        }

        ConnectionQuery portOwners = BenchQuery.Create(BenchQuery.PortOwners, port);
        if (this.options.Runs("port"))
        {
            this.RunCase(CasePort, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(portOwners)),
                new Contender(NspsUnfiltered, () => InProcess(owners)),
                this.Tool("ss", SsPort.Replace("PORT", portText, StringComparison.Ordinal), ExternalCommand.Command("ss", "-tanp", "sport", "=", ":" + portText), 1),
            }, 0, 2);
        }

        if (this.options.Runs("port-kernel"))
        {
            ConnectionQuery kernelFiltered = BenchQuery.Create(BenchQuery.Port, kernelPort);
            string kernelPortText = kernelPort.ToString(CultureInfo.InvariantCulture);
            this.RunCase(CaseKernelPort, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(kernelFiltered)),
                this.Pwsh(BenchQuery.Port, kernelPort),
                this.Tool("ss", SsKernelPort.Replace("PORT", kernelPortText, StringComparison.Ordinal), ExternalCommand.Command("ss", "-tan", "sport", "=", ":" + kernelPortText), 1),
            });
        }

        if (this.options.Runs("pid"))
        {
            ConnectionQuery byPid = BenchQuery.Create(BenchQuery.ProcessId, onePid);
            this.RunCase(CaseProcessId, size, procs, new[]
            {
                new Contender(NspsInProcess, () => InProcess(byPid)),
                new Contender(NspsWholeNoOwners, () => InProcess(all)),
                this.Pwsh(BenchQuery.ProcessId, onePid),
                this.Pwsh(BenchQuery.AllNoOwners, 0, NspsPwshWholeNoOwners),
            }, 0, 2);
            this.CheckProcessRows(farm, onePid);
        }

        if (this.options.Runs("split"))
        {
            this.RunSplit(size, procs, owners);
        }

        if (this.options.Runs("memory"))
        {
            this.MeasureMemory(size, owners, all);
        }

        // Rendering is measured where the target is stated (20k rows): a 200k-row table takes pwsh
        // minutes per round and says nothing more about per-row cost.
        if (this.options.Runs("render") && size <= 20_000)
        {
            // A round is about a second, and one at 20k rows varies by ±20% on a shared machine: at least
            // 15 rounds, so the median and not one slow round decides the 1.2x target.
            int rounds = Math.Max(this.options.Repeat, RenderCase.MinimumRounds);
            Progress($"case: {RenderCase.Name} at {size} sockets, {rounds} rounds ...");
            this.cases.Add(RenderCase.Measure(size, procs, rounds));
        }
    }

    private void RunCase(string name, int size, int procs, IReadOnlyList<Contender> contenders, params int[] sameRows)
    {
        Progress($"case: {name} at {size} sockets, {this.options.Repeat} rounds ...");
        for (int round = 0; round < this.options.Repeat; round++)
        {
            foreach (Contender c in contenders)
            {
                c.RunOnce();
            }
        }

        this.cases.Add(new CaseResult(name, size, procs, contenders));

        // Every command of a case answers the same question on the same socket set: the row counts must agree.
        var compared = new List<Contender>();
        for (int i = 0; i < contenders.Count; i++)
        {
            if ((sameRows.Length == 0 || Array.IndexOf(sameRows, i) >= 0) && contenders[i].HasSamples)
            {
                compared.Add(contenders[i]);
            }
        }

        for (int i = 1; i < compared.Count; i++)
        {
            if (compared[i].Rows != compared[0].Rows)
            {
                this.notes.Add($"{name} at {size}: {compared[0].Name} returned {compared[0].Rows} rows but {compared[i].Name} {compared[i].Rows}");
            }
        }
    }

    /// <summary>
    /// Checks that the owners case really resolves owners (a provider that skipped them would look fast):
    /// every farm socket must come back owned by the farm process that holds it.
    /// </summary>
    private void CheckOwners(SocketFarm farm, ConnectionQuery owners)
    {
        try
        {
            var farmPids = new HashSet<int>(farm.ProcessIds);
            QueryResult<Connection> r = ConnectionReader.Read(owners);
            int owned = 0;
            foreach (Connection c in r.Items)
            {
                if (c.ProcessId is int pid && farmPids.Contains(pid))
                {
                    owned++;
                }
            }

            string line = $"owner check at {farm.Sockets}: {owned} of {r.Items.Count} rows owned by one of the {farmPids.Count} farm processes";
            this.ownerChecks.Add(line);
            if (owned != farm.Sockets)
            {
                this.notes.Add(line + $" (expected {farm.Sockets}): owners are missing or wrong");
            }
        }
#pragma warning disable CA1031 // Reported in the table through the failing case instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            this.ownerChecks.Add($"owner check at {farm.Sockets}: FAILED: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// The owners case split in its two halves (dump + decode, then the /proc walk), to show where the
    /// time goes, alternated with the syscall floor of the walk (readlinkat of every descriptor, nothing kept).
    /// </summary>
    private void RunSplit(int size, int procs, ConnectionQuery owners)
    {
        var dumps = new List<double>();
        var walks = new List<double>();
        var floor = new List<double>();
        long rows = 0, floorRows = 0;
        string? error = null;
        INetstatProvider provider = NetstatPlatform.Current;
        Progress($"case: {CaseBreakdown} at {size} sockets, {this.options.Repeat} rounds ...");
        for (int round = 0; round < this.options.Repeat; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (error is null)
            {
                try
                {
                    var list = new List<Connection>();
                    var warnings = new WarningCollector();
                    var sw = Stopwatch.StartNew();
                    provider.Connections.Read(owners, list, warnings);
                    double dump = sw.Elapsed.TotalMilliseconds;
                    sw.Restart();
                    provider.Owners.Resolve(list, warnings);
                    walks.Add(sw.Elapsed.TotalMilliseconds);
                    dumps.Add(dump);
                    rows = list.Count;
                }
#pragma warning disable CA1031 // Reported in the table.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = e.GetType().Name + ": " + e.Message;
                }
            }

            RunResult f = ProcWalkFloor.Run();
            if (f.Error is null)
            {
                floor.Add(f.Milliseconds);
                floorRows = f.Rows;
            }
        }

        this.cases.Add(new CaseResult(CaseBreakdown, size, procs, new[]
        {
            Contender.Recorded(SplitDump, dumps, rows, error),
            Contender.Recorded(SplitOwners, walks, rows, error),
            Contender.Recorded(SplitFloor, floor, floorRows, "failed"),
        }));
    }

    private void MeasureMemory(int size, ConnectionQuery owners, ConnectionQuery all)
    {
        try
        {
            // Retained: what holding ConnectionReader's result costs, per row (list array and shared owners included).
            Collect();
            long before = GC.GetTotalMemory(true);
            QueryResult<Connection> held = ConnectionReader.Read(owners);
            long after = GC.GetTotalMemory(true);
            int rows = held.Items.Count;
            GC.KeepAlive(held);
            held = null!;

            // The bare decode into a list sized beforehand, so list growth is not counted as garbage.
            INetstatProvider provider = NetstatPlatform.Current;
            var list = new List<Connection>(size + 4096);
            var warnings = new WarningCollector();
            Collect();
            long decodeBefore = GC.GetTotalMemory(true);
            long threadBefore = GC.GetAllocatedBytesForCurrentThread();
            long totalBefore = GC.GetTotalAllocatedBytes(true);
            provider.Connections.Read(all, list, warnings);
            long totalAfter = GC.GetTotalAllocatedBytes(true);
            long threadAfter = GC.GetAllocatedBytesForCurrentThread();
            long decodeAfter = GC.GetTotalMemory(true);
            int decodeRows = list.Count;
            GC.KeepAlive(list);
            list = null!;

            Collect();
            long ownersBefore = GC.GetTotalAllocatedBytes(true);
            int ownersRows = ConnectionReader.Read(owners).Items.Count;
            long ownersAfter = GC.GetTotalAllocatedBytes(true);

            this.memory.Add(new MemoryResult(
                size,
                rows,
                PerRow(after - before, rows),
                PerRow(decodeAfter - decodeBefore, decodeRows),
                PerRow(totalAfter - totalBefore, decodeRows),
                PerRow(threadAfter - threadBefore, decodeRows),
                PerRow(ownersAfter - ownersBefore, ownersRows)));
        }
#pragma warning disable CA1031 // Reported as a note.
        catch (Exception e)
#pragma warning restore CA1031
        {
            this.notes.Add($"memory at {size}: not measured ({e.GetType().Name}: {e.Message})");
        }

        static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        static double PerRow(long bytes, int rows) => rows > 0 ? (double)bytes / rows : double.NaN;
    }
}
