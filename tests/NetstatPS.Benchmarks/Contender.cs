using System;
using System.Collections.Generic;
using System.Linq;

namespace NetstatPS.Benchmarks;

/// <summary>One command in a case's rotation, with its timings so far.</summary>
internal sealed class Contender
{
    private readonly Func<RunResult> run;
    private readonly List<double> samples = new();

    public Contender(string name, Func<RunResult> run, string? skipReason = null)
    {
        this.Name = name;
        this.run = run;
        this.SkipReason = skipReason;
    }

    public string Name { get; }

    /// <summary>Why this command is not run at all (tool missing); null when it runs.</summary>
    public string? SkipReason { get; }

    /// <summary>The first failure; once failed, the command is not run again in this case.</summary>
    public string? Error { get; private set; }

    public long Rows { get; private set; }

    public int Count => this.samples.Count;

    public bool HasSamples => this.samples.Count > 0 && this.Error is null;

    public double Median => Stats.Median(this.samples);

    public double Min => this.samples.Count == 0 ? double.NaN : this.samples.Min();

    public double Max => this.samples.Count == 0 ? double.NaN : this.samples.Max();

    public IReadOnlyList<double> Samples => this.samples;

    /// <summary>A contender whose samples were taken elsewhere (the split of one call into its halves).</summary>
    public static Contender Recorded(string name, IEnumerable<double> samples, long rows, string? error)
    {
        var c = new Contender(name, () => RunResult.Failed("not runnable"));
        c.samples.AddRange(samples);
        c.Rows = rows;
        c.Error = c.samples.Count == 0 ? error : null;
        return c;
    }

    /// <summary>Runs once unless skipped or failed before.</summary>
    public void RunOnce()
    {
        if (this.SkipReason is not null || this.Error is not null)
        {
            return;
        }

        RunResult r = this.run();
        if (r.Error is not null)
        {
            this.Error = r.Error;
            return;
        }

        this.samples.Add(r.Milliseconds);
        this.Rows = r.Rows;
    }
}
