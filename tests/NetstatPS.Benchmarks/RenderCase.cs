using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetstatPS.Benchmarks;

/// <summary>
/// What rendering costs: in a real pwsh (the repository's dotnet local tool), the bare default table
/// of Get-NetConnectionEx against Format-Table over the same plain properties, on the same rows,
/// alternated (render-table.ps1). A view that ran script blocks per row would show up here.
/// </summary>
internal static class RenderCase
{
    public const string Name = "render 80-column table";
    public const string Bare = "bare Get-NetConnectionEx table";
    public const string Plain = "Format-Table, plain properties";
    public const string Script = "Format-Table, escaping scriptblocks";

    /// <summary>The fewest rounds the case runs, whatever --repeat says.</summary>
    public const int MinimumRounds = 15;

    public static CaseResult Measure(int sockets, int processes, int repeat)
    {
        var bare = new List<double>();
        var plain = new List<double>();
        var script = new List<double>();
        long rows = 0;
        string? error = null;
        try
        {
            string repo = RepoRoot();
            string output = ExternalCommand.Capture(
                "dotnet", "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive",
                "-File", Path.Combine(AppContext.BaseDirectory, "render-table.ps1"),
                "-Module", Path.Combine(repo, "out", "NetstatPS", "NetstatPS.psd1"),
                "-Repeat", repeat.ToString(CultureInfo.InvariantCulture));
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = line.Split(' ');
                if (parts.Length != 3)
                {
                    continue;
                }

                double ms = double.Parse(parts[1], CultureInfo.InvariantCulture);
                rows = long.Parse(parts[2], CultureInfo.InvariantCulture);
                (parts[0] switch { "bare" => bare, "script" => script, _ => plain }).Add(ms);
            }

            if (bare.Count != repeat || plain.Count != repeat || script.Count != repeat)
            {
                error = $"render-table.ps1 printed {bare.Count} bare, {plain.Count} plain and {script.Count} script timings, expected {repeat} each";
            }
        }
#pragma warning disable CA1031 // A missing pwsh or module is a result to report (N/A), not a broken benchmark.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.GetType().Name + ": " + e.Message;
        }

        return new CaseResult(Name, sockets, processes, new[]
        {
            Contender.Recorded(Bare, bare, rows, error),
            Contender.Recorded(Plain, plain, rows, error),
            Contender.Recorded(Script, script, rows, error),
        });
    }

    internal static string RepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NetstatPS.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("NetstatPS.sln not found above " + AppContext.BaseDirectory);
    }
}
