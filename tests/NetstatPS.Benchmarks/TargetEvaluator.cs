using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetstatPS.Benchmarks;

/// <summary>One PASS/FAIL line per target (issues 5, 9 and 13), from the medians of this run.</summary>
internal sealed class TargetEvaluator
{
    private const int TargetLarge = 200_000;
    private const int TargetSmall = 2_000;
    private const int TargetMid = 20_000;
    private const int TargetProcesses = 50;

    /// <summary>Below the smallest .NET object (24 bytes): any per-row object left as garbage shows up above it.</summary>
    private const double GarbagePerRowLimit = 24;

    private const string NotRun = "not run (--cases)";

    private readonly IReadOnlyList<CaseResult> cases;
    private readonly IReadOnlyList<MemoryResult> memory;
    private readonly List<string> lines = new();

    public TargetEvaluator(IReadOnlyList<CaseResult> cases, IReadOnlyList<MemoryResult> memory)
    {
        this.cases = cases;
        this.memory = memory;
    }

    /// <summary>The PASS/FAIL lines, after <see cref="Write"/>.</summary>
    public IReadOnlyList<string> Lines => this.lines;

    public void Write(TextWriter w)
    {
        int[] sizes = this.cases.Select(c => c.Sockets).Distinct().OrderBy(s => s).ToArray();
        if (sizes.Length == 0)
        {
            w.WriteLine("no cases ran");
            return;
        }

        int large = sizes[^1];
        int small = sizes[0];
        this.OwnersLarge(large);
        this.OwnersSmall(small);
        this.NoOwners(large);
        this.Listen(large);
        this.Port(large);
        this.Memory(large);
        this.Scaling(sizes, large);
        this.Render(sizes);
        this.OwnersVsPlainSs(large);
        this.KernelPort(large);
        this.ProcessId(large);

        w.WriteLine();
        w.WriteLine("targets (issues 5, 9, 13), in-process medians unless the line says pwsh:");
        foreach (string line in this.lines)
        {
            w.WriteLine(line);
        }
    }

    private static string At(int sockets, int target) =>
        sockets == target ? string.Empty : $" [measured at {sockets}; the target is stated at {target}]";

    private static string S(double ms) => ms >= 1000 ? (ms / 1000).ToString("F2", CultureInfo.InvariantCulture) + " s" : ReportWriter.Ms(ms) + " ms";

    private void Add(bool? pass, string target, string measured)
    {
        if (measured.EndsWith(NotRun, StringComparison.Ordinal))
        {
            pass = null;
        }

        string verdict = pass switch { true => "PASS", false => "FAIL", null => "N/A " };
        this.lines.Add($"{verdict}  {target}: {measured}");
    }

    private (double Median, string? Why) Get(string caseName, int sockets, string contender)
    {
        CaseResult? c = this.cases.FirstOrDefault(x => x.Name == caseName && x.Sockets == sockets);
        Contender? x = c?.Find(contender);
        if (x is null)
        {
            return (double.NaN, $"{caseName} at {sockets}: {NotRun}");
        }

        if (x.SkipReason is not null)
        {
            return (double.NaN, $"{contender} skipped ({x.SkipReason})");
        }

        if (x.Error is not null)
        {
            return (double.NaN, $"{contender} failed ({x.Error})");
        }

        return (x.Median, null);
    }

    private int Processes(string caseName, int sockets) =>
        this.cases.FirstOrDefault(x => x.Name == caseName && x.Sockets == sockets)?.Processes ?? 0;

    private void OwnersLarge(int large)
    {
        const string target = "all TCP with owners, 200k sockets, >=50 processes: <= 1.0 s and <= 1/10 of ss -tanp";
        var nsps = this.Get(BenchmarkRunner.CaseOwners, large, BenchmarkRunner.NspsInProcess);
        var ss = this.Get(BenchmarkRunner.CaseOwners, large, BenchmarkRunner.SsOwners);
        var fresh = this.Get(BenchmarkRunner.CaseOwners, large, BenchmarkRunner.NspsFresh);
        int procs = this.Processes(BenchmarkRunner.CaseOwners, large);
        if (nsps.Why is not null || ss.Why is not null)
        {
            this.Add(nsps.Why is null ? null : false, target, nsps.Why ?? ss.Why!);
            return;
        }

        bool pass = nsps.Median <= 1000 && nsps.Median * 10 <= ss.Median;
        this.Add(
            pass,
            target,
            $"nsps {S(nsps.Median)}, ss -tanp {S(ss.Median)} ({ReportWriter.Times(Stats.Ratio(ss.Median, nsps.Median))} slower than nsps), {procs} processes; " +
            $"fresh process {S(fresh.Median)}" + At(large, TargetLarge) + (procs < TargetProcesses ? $" [only {procs} processes]" : string.Empty));
    }

    /// <summary>
    /// Issue 13: a target measured in-process and again in the real pwsh, each against the same peer
    /// (or its own pwsh peer), one line each.
    /// </summary>
    private void Ratio(string target, int large, string caseName, string nsps, string pwsh, string peer, string? pwshPeer, double limit, string peerLabel)
    {
        foreach ((string who, string peerName, string suffix) in new[] { (nsps, peer, string.Empty), (pwsh, pwshPeer ?? peer, " (in pwsh)") })
        {
            var a = this.Get(caseName, large, who);
            var b = this.Get(caseName, large, peerName);
            string label = target + suffix;
            if (a.Why is not null || b.Why is not null)
            {
                this.Add(a.Why is null && b.Why is not null ? null : (bool?)false, label, a.Why ?? b.Why!);
                continue;
            }

            CaseResult c = this.cases.First(x => x.Name == caseName && x.Sockets == large);
            double ratio = Stats.Ratio(a.Median, b.Median);
            this.Add(
                a.Median <= limit * b.Median,
                label,
                $"{who} {S(a.Median)} ({c.Find(who)!.Rows} rows) = {ReportWriter.Times(ratio)} {(peerName == peer ? peerLabel : peerName)} {S(b.Median)}" + At(large, TargetLarge));
        }
    }

    private void OwnersVsPlainSs(int large) =>
        this.Ratio("all TCP with owners, 200k sockets: <= 2.0 x ss -tan without owners", large, BenchmarkRunner.CaseOwners, BenchmarkRunner.NspsInProcess, BenchmarkRunner.NspsPwsh, BenchmarkRunner.SsAll, null, 2.0, BenchmarkRunner.SsAll);

    private void KernelPort(int large)
    {
        CaseResult? c = this.cases.FirstOrDefault(x => x.Name == BenchmarkRunner.CaseKernelPort && x.Sockets == large);
        string ss = c?.Contenders.FirstOrDefault(x => x.Name.StartsWith("ss ", StringComparison.Ordinal))?.Name ?? BenchmarkRunner.SsKernelPort;
        this.Ratio("-LocalPort N -NoProcessInfo, 200k sockets: <= 1.0 x ss -tan sport = :N", large, BenchmarkRunner.CaseKernelPort, BenchmarkRunner.NspsInProcess, BenchmarkRunner.NspsPwsh, ss, null, 1.0, ss);
    }

    private void ProcessId(int large) =>
        this.Ratio("-ProcessId of one of 50 processes, 200k sockets: <= 1.3 x -NoProcessInfo over the whole table", large, BenchmarkRunner.CaseProcessId, BenchmarkRunner.NspsInProcess, BenchmarkRunner.NspsPwsh, BenchmarkRunner.NspsWholeNoOwners, BenchmarkRunner.NspsPwshWholeNoOwners, 1.3, "the whole table without owners");

    private void OwnersSmall(int small)
    {
        const string target = "all TCP with owners, 2k sockets: <= ss -tanp wall time";
        var nsps = this.Get(BenchmarkRunner.CaseOwners, small, BenchmarkRunner.NspsInProcess);
        var ss = this.Get(BenchmarkRunner.CaseOwners, small, BenchmarkRunner.SsOwners);
        var fresh = this.Get(BenchmarkRunner.CaseOwners, small, BenchmarkRunner.NspsFresh);
        if (nsps.Why is not null || ss.Why is not null)
        {
            this.Add(nsps.Why is null ? null : false, target, nsps.Why ?? ss.Why!);
            return;
        }

        string freshText = fresh.Why is null
            ? $"; a fresh nsps process takes {S(fresh.Median)} ({(fresh.Median <= ss.Median ? "also" : "not")} within ss's time: .NET start-up)"
            : string.Empty;
        this.Add(nsps.Median <= ss.Median, target, $"nsps {S(nsps.Median)}, ss -tanp {S(ss.Median)}{freshText}" + At(small, TargetSmall));
    }

    private void Render(int[] sizes)
    {
        const string target = "bare 80-column table of 20k rows: <= 1.2 x Format-Table over plain properties (issue 9)";
        int at = sizes.Where(s => s <= TargetMid).DefaultIfEmpty(0).Max();
        var bare = this.Get(RenderCase.Name, at, RenderCase.Bare);
        var plain = this.Get(RenderCase.Name, at, RenderCase.Plain);
        if (bare.Why is not null || plain.Why is not null)
        {
            this.Add(bare.Why is null ? null : false, target, bare.Why ?? plain.Why!);
            return;
        }

        this.Add(bare.Median <= 1.2 * plain.Median, target, $"bare {S(bare.Median)} = {ReportWriter.Times(Stats.Ratio(bare.Median, plain.Median))} plain {S(plain.Median)}" + At(at, TargetMid));
    }

    private void NoOwners(int large)
    {
        const string target = "all TCP without owners, 200k sockets: <= 1.2 x ss -tan";
        var nsps = this.Get(BenchmarkRunner.CaseNoOwners, large, BenchmarkRunner.NspsInProcess);
        var ss = this.Get(BenchmarkRunner.CaseNoOwners, large, BenchmarkRunner.SsAll);
        if (nsps.Why is not null || ss.Why is not null)
        {
            this.Add(nsps.Why is null ? null : false, target, nsps.Why ?? ss.Why!);
            return;
        }

        this.Add(nsps.Median <= 1.2 * ss.Median, target, $"nsps {S(nsps.Median)} = {ReportWriter.Times(Stats.Ratio(nsps.Median, ss.Median))} ss -tan's {S(ss.Median)}" + At(large, TargetLarge));
    }

    private void Listen(int large)
    {
        const string target = "-State Listen with 200k established sockets present: <= 10 ms";
        var nsps = this.Get(BenchmarkRunner.CaseListen, large, BenchmarkRunner.NspsInProcess);
        var ss = this.Get(BenchmarkRunner.CaseListen, large, BenchmarkRunner.SsListen);
        var owners = this.Get(BenchmarkRunner.CaseListenOwners, large, BenchmarkRunner.NspsInProcess);
        if (nsps.Why is not null)
        {
            this.Add(false, target, nsps.Why);
            return;
        }

        string ssText = ss.Why is null ? $", ss -tan state listening {S(ss.Median)}" : string.Empty;
        string ownersText = owners.Why is null ? $"; with owners {S(owners.Median)} (the /proc walk)" : string.Empty;
        this.Add(nsps.Median <= 10, target, $"nsps {S(nsps.Median)}{ssText}{ownersText}" + At(large, TargetLarge));
    }

    private void Port(int large)
    {
        const string target = "-LocalPort 443 with owners, 200k sockets: no slower than without the filter";
        var filtered = this.Get(BenchmarkRunner.CasePort, large, BenchmarkRunner.NspsInProcess);
        var unfiltered = this.Get(BenchmarkRunner.CasePort, large, BenchmarkRunner.NspsUnfiltered);
        if (filtered.Why is not null || unfiltered.Why is not null)
        {
            this.Add(false, target, filtered.Why ?? unfiltered.Why!);
            return;
        }

        CaseResult c = this.cases.First(x => x.Name == BenchmarkRunner.CasePort && x.Sockets == large);
        this.Add(
            filtered.Median <= unfiltered.Median,
            target,
            $"filtered {S(filtered.Median)} ({c.Contenders[0].Rows} rows), unfiltered {S(unfiltered.Median)} ({c.Contenders[1].Rows} rows)" + At(large, TargetLarge));
    }

    private void Memory(int large)
    {
        const string target = "memory: <= 400 B retained per connection; no per-row garbage in the decode loop";
        MemoryResult? m = this.memory.Where(x => x.Sockets == large).Select(x => (MemoryResult?)x).FirstOrDefault();
        if (m is not MemoryResult r)
        {
            this.Add(false, target, this.memory.Count == 0 ? NotRun : "not measured (see notes)");
            return;
        }

        double garbage = Math.Max(r.DecodeGarbagePerRow, r.DecodeThreadAllocatedPerRow - r.DecodeRetainedPerRow);
        bool pass = r.RetainedPerRow <= 400 && garbage < GarbagePerRowLimit;
        this.Add(
            pass,
            target,
            string.Format(CultureInfo.InvariantCulture, "{0:F0} B retained per row; decode allocates {1:F0} B/row and keeps {2:F0} B/row: {3:F1} B/row garbage (limit < {4:F0}, the smallest object)", r.RetainedPerRow, r.DecodeAllocatedPerRow, r.DecodeRetainedPerRow, garbage, GarbagePerRowLimit) + At(large, TargetLarge));
    }

    private void Scaling(int[] sizes, int large)
    {
        const string target = "scaling: time per socket at 200k <= 1.5 x time per socket at 20k (owners case)";
        int[] others = sizes.Where(s => s < large).ToArray();
        if (others.Length == 0)
        {
            this.Add(null, target, "only one size measured");
            return;
        }

        // The size closest to a tenth of the largest, on a log scale.
        int mid = others.OrderBy(s => Math.Abs(Math.Log((double)s * 10 / large))).First();
        var big = this.Get(BenchmarkRunner.CaseOwners, large, BenchmarkRunner.NspsInProcess);
        var small = this.Get(BenchmarkRunner.CaseOwners, mid, BenchmarkRunner.NspsInProcess);
        if (big.Why is not null || small.Why is not null)
        {
            this.Add(false, target, big.Why ?? small.Why!);
            return;
        }

        double perBig = big.Median * 1000 / large;
        double perMid = small.Median * 1000 / mid;
        var bigNo = this.Get(BenchmarkRunner.CaseNoOwners, large, BenchmarkRunner.NspsInProcess);
        var midNo = this.Get(BenchmarkRunner.CaseNoOwners, mid, BenchmarkRunner.NspsInProcess);
        string noOwners = bigNo.Why is null && midNo.Why is null
            ? string.Format(CultureInfo.InvariantCulture, "; without owners {0:F2} vs {1:F2} us", bigNo.Median * 1000 / large, midNo.Median * 1000 / mid)
            : string.Empty;
        this.Add(
            perBig <= 1.5 * perMid,
            target,
            string.Format(CultureInfo.InvariantCulture, "{0:F2} us/socket at {1} vs {2:F2} us/socket at {3} = {4:F2}x", perBig, large, perMid, mid, perBig / perMid) +
            noOwners + (large == TargetLarge && mid == TargetMid ? string.Empty : $" [sizes {mid}/{large}; the target is stated at {TargetMid}/{TargetLarge}]"));
    }
}
