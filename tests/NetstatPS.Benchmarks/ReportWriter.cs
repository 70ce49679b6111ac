using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace NetstatPS.Benchmarks;

/// <summary>Prints the report: machine, farm, a table of medians and ratios, memory, notes.</summary>
internal sealed class ReportWriter
{
    private readonly TextWriter w;

    public ReportWriter(TextWriter writer)
    {
        this.w = writer;
    }

    public static string Ms(double ms) => !Stats.IsFinite(ms) ? "-" : ms >= 100 ? ms.ToString("F0", CultureInfo.InvariantCulture) : ms >= 10 ? ms.ToString("F1", CultureInfo.InvariantCulture) : ms.ToString("F2", CultureInfo.InvariantCulture);

    public static string Times(double ratio) => !Stats.IsFinite(ratio) ? "-" : ratio >= 10 ? ratio.ToString("F0", CultureInfo.InvariantCulture) + "x" : ratio.ToString("F2", CultureInfo.InvariantCulture) + "x";

    public void Header(DateTime startedUtc, string loadBefore, string loadAfter, bool insideNamespace, BenchOptions options, IReadOnlyList<string> farms, TimeSpan elapsed)
    {
        this.w.WriteLine("NetstatPS benchmark (issue 5)");
        this.w.WriteLine($"date:      {startedUtc:yyyy-MM-dd HH:mm:ss} UTC, took {elapsed.TotalSeconds:F0} s");
        this.w.WriteLine($"machine:   {Environment.ProcessorCount} cores, Linux {Read("/proc/sys/kernel/osrelease")}, {RuntimeInformation.FrameworkDescription}, {CpuModel()}");
        this.w.WriteLine($"load avg:  before {loadBefore} / after {loadAfter} (/proc/loadavg; the machine is shared)");
        this.w.WriteLine(insideNamespace
            ? "namespace: private network + pid namespace (unshare -n -p --mount-proc): loopback only, /proc shows only the benchmark's processes"
            : "namespace: the host's (--no-netns or unshare unavailable): the host's sockets and processes are included");
        this.w.WriteLine($"method:    {options.Repeat} rounds per case, the commands of a case alternated (A B C A B C ...) on the same socket set; median (min-max) wall ms");
        this.w.WriteLine("           in-process = ConnectionReader.Read after a warm-up call, GC'd before each call; fresh process = this exe's \"query\" mode,");
        this.w.WriteLine("           started per run like ss (runtime start-up and JIT included), printing one line per row");
        foreach (string f in farms)
        {
            this.w.WriteLine("farm:      " + f);
        }

        this.w.WriteLine();
    }

    public void Skips(IReadOnlyDictionary<string, string?> skips)
    {
        foreach (KeyValuePair<string, string?> s in skips)
        {
            if (s.Value is not null)
            {
                this.w.WriteLine($"skipped:   {s.Key}: {s.Value}");
            }
        }
    }

    public void Cases(IReadOnlyList<CaseResult> cases)
    {
        this.w.WriteLine();
        string head = string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,8} {2,5}  {3,-28} {4,9} {5,9} {6,9} {7,8} {8,8}", "case", "sockets", "procs", "command", "median ms", "min", "max", "rows", "vs nsps");
        this.w.WriteLine(head);
        this.w.WriteLine(new string('-', head.Length));
        string? last = null;
        foreach (CaseResult c in cases)
        {
            string key = c.Name + c.Sockets.ToString(CultureInfo.InvariantCulture);
            if (last is not null && key != last)
            {
                this.w.WriteLine();
            }

            last = key;
            Contender reference = c.Contenders[0];
            foreach (Contender x in c.Contenders)
            {
                string ratio = x == reference ? "1" : x.HasSamples && reference.HasSamples ? Times(Stats.Ratio(x.Median, reference.Median)) : "-";
                if (c.Name == BenchmarkRunner.CaseBreakdown)
                {
                    ratio = "";
                }

                string timing = x.SkipReason is not null
                    ? "skipped: " + x.SkipReason
                    : x.Error is not null
                        ? "FAILED: " + x.Error
                        : string.Format(CultureInfo.InvariantCulture, "{0,9} {1,9} {2,9} {3,8} {4,8}", Ms(x.Median), Ms(x.Min), Ms(x.Max), x.Rows, ratio);
                this.w.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,8} {2,5}  {3,-28} {4}", c.Name, c.Sockets, c.Processes, x.Name, timing));
            }
        }

        this.w.WriteLine();
        this.w.WriteLine("vs nsps = that command's median / the first line's median of the same case and size (higher = NetstatPS faster).");
    }

    public void ColdCall(RunResult? cold, int sockets)
    {
        if (cold is RunResult c)
        {
            this.w.WriteLine(c.Error is null
                ? $"cold first call in the process (JIT included): {Ms(c.Milliseconds)} ms for {c.Rows} rows at {sockets} sockets"
                : $"cold first call in the process: FAILED: {c.Error}");
        }
    }

    public void Memory(IReadOnlyList<MemoryResult> memory)
    {
        if (memory.Count == 0)
        {
            return;
        }

        this.w.WriteLine();
        string head = string.Format(CultureInfo.InvariantCulture, "{0,-10} {1,8}  {2,14} {3,14} {4,14} {5,14} {6,14} {7,14}", "memory", "rows", "retained/row", "decode kept", "decode alloc", "(this thread)", "decode garbage", "alloc w/owners");
        this.w.WriteLine(head);
        this.w.WriteLine(new string('-', head.Length));
        foreach (MemoryResult m in memory)
        {
            this.w.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-10} {1,8}  {2,14:F1} {3,14:F1} {4,14:F1} {5,14:F1} {6,14:F1} {7,14:F1}",
                m.Sockets,
                m.Rows,
                m.RetainedPerRow,
                m.DecodeRetainedPerRow,
                m.DecodeAllocatedPerRow,
                m.DecodeThreadAllocatedPerRow,
                m.DecodeGarbagePerRow,
                m.OwnersAllocatedPerRow));
        }

        this.w.WriteLine("bytes per row. retained = GC.GetTotalMemory(true) growth while holding ConnectionReader's result with owners (list included);");
        this.w.WriteLine("decode = the provider's kernel dump + decode alone into a pre-sized list: kept (retained), alloc (all threads, precise),");
        this.w.WriteLine("this thread (GC.GetAllocatedBytesForCurrentThread), garbage = alloc - kept; alloc w/owners = a whole call with the /proc walk.");
    }

    public void Notes(IReadOnlyList<string> notes, string prefix)
    {
        foreach (string n in notes)
        {
            this.w.WriteLine(prefix + n);
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string CpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line.Substring(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return "cpu ?";
    }
}
