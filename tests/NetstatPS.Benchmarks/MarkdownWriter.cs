using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetstatPS.Benchmarks;

/// <summary>
/// --markdown: the README's performance table from this run, one row per case at the largest size
/// it ran at: NetstatPS in-process, NetstatPS in pwsh where measured, and each peer of the same case
/// and round, with the target lines under it. Pasted as is into README.md.
/// </summary>
internal sealed class MarkdownWriter
{
    private readonly TextWriter w;

    public MarkdownWriter(TextWriter writer) => this.w = writer;

    public void Write(DateTime startedUtc, string loadBefore, string loadAfter, IReadOnlyList<CaseResult> cases, IReadOnlyList<string> targets)
    {
        this.w.WriteLine();
        this.w.WriteLine("<!-- benchmark markdown: begin -->");
        this.w.WriteLine($"Measured {startedUtc:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {First(loadBefore)} before and {First(loadAfter)} after; medians of alternated rounds in one run.");
        this.w.WriteLine();
        this.w.WriteLine("| case | sockets | NetstatPS in-process | NetstatPS in pwsh | peer (same run) | peer median | NetstatPS / peer |");
        this.w.WriteLine("|---|---:|---:|---:|---|---:|---:|");
        foreach (IGrouping<string, CaseResult> byName in cases.GroupBy(c => c.Name))
        {
            CaseResult c = byName.OrderBy(x => x.Sockets).Last();
            Contender first = c.Contenders[0];
            Contender? pwsh = c.Find(BenchmarkRunner.NspsPwsh);
            var peers = c.Contenders.Skip(1).Where(x => x != pwsh && x.HasSamples).ToList();
            if (peers.Count == 0)
            {
                peers.Add(first);
            }

            foreach (Contender peer in peers)
            {
                string ratio = peer == first ? "–" : ReportWriter.Times(Stats.Ratio(first.Median, peer.Median));
                this.w.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0} | {1} | {2} | {3} | {4} | {5} | {6} |",
                    c.Name.Replace("|", "\\|", StringComparison.Ordinal),
                    c.Sockets,
                    Time(first),
                    pwsh is null ? "–" : Time(pwsh),
                    peer == first ? "–" : peer.Name.Replace("|", "\\|", StringComparison.Ordinal),
                    peer == first ? "–" : Time(peer),
                    ratio));
            }
        }

        this.w.WriteLine();
        foreach (string t in targets)
        {
            this.w.WriteLine("- " + t.Replace("|", "\\|", StringComparison.Ordinal));
        }

        this.w.WriteLine("<!-- benchmark markdown: end -->");
    }

    private static string First(string loadavg) => loadavg.Split(' ')[0];

    private static string Time(Contender c) =>
        c.SkipReason is not null ? "skipped" : c.Error is not null ? "failed" : ReportWriter.Ms(c.Median) + " ms";
}
