using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetstatPS.Benchmarks;

/// <summary>The benchmark's command line.</summary>
internal sealed class BenchOptions
{
    public const string HelpText =
        "usage: dotnet run -c Release --project tests/NetstatPS.Benchmarks -- [options]\n" +
        "  --sizes a,b,c     socket counts of the farm, one run each (default 2000,20000,200000)\n" +
        "  --repeat N        rounds per case; commands alternate A B C A B C ... (default 5)\n" +
        "  --quick           sizes 2000,20000 and 3 rounds (unless given explicitly)\n" +
        "  --per-child N     sockets per farm process (default 4000: 50 processes at 200k; max 15000)\n" +
        "  --min-children N  fewest farm processes at any size (default 4)\n" +
        "  --ttl SECONDS     farm processes exit by themselves after this long (default 600)\n" +
        "  --skip a,b        leave out external tools: ss, netstat, psutil, pwsh\n" +
        "  --cases a,b       run only these cases: owners, noowners, listen, listen-owners, port, port-kernel, pid, split, memory, render (default all)\n" +
        "  --markdown        after the report, the README's performance table and target lines as markdown\n" +
        "  --no-netns        run on the host's loopback instead of a private namespace (not recommended)\n" +
        "  --help            this text\n" +
        "Exit code 0 whether targets pass or fail (the output is the report); non-zero only if the benchmark broke.";

    public IReadOnlyList<int> Sizes { get; private set; } = new[] { 2000, 20000, 200000 };

    public int Repeat { get; private set; } = 5;

    public int PerChild { get; private set; } = 4000;

    public int MinChildren { get; private set; } = 4;

    public int TtlSeconds { get; private set; } = 600;

    public bool NoNetns { get; private set; }

    /// <summary>Print the README's table as markdown after the report.</summary>
    public bool Markdown { get; private set; }

    public bool Help { get; private set; }

    public ISet<string> Skip { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cases to run; empty means all.</summary>
    public ISet<string> Cases { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> CaseNames { get; } = new[] { "owners", "noowners", "listen", "listen-owners", "port", "port-kernel", "pid", "split", "memory", "render" };

    public bool Runs(string caseName) => this.Cases.Count == 0 || this.Cases.Contains(caseName);

    /// <summary>The port one farm process listens on, for the -LocalPort case (443, as in the issue).</summary>
    public int HotPort { get; } = 443;

    public static bool TryParse(string[] args, out BenchOptions? options, out string? error)
    {
        var o = new BenchOptions();
        bool sizesGiven = false, repeatGiven = false, quick = false;
        options = null;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? Next()
            {
                if (i + 1 >= args.Length)
                {
                    return null;
                }

                return args[++i];
            }

            switch (a)
            {
                case "--sizes":
                    var sizes = new List<int>();
                    foreach (string part in (Next() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 20 || n > 2_000_000)
                        {
                            error = $"--sizes: '{part}' is not a socket count between 20 and 2000000";
                            return false;
                        }

                        sizes.Add(n);
                    }

                    if (sizes.Count == 0)
                    {
                        error = "--sizes needs a comma-separated list of socket counts";
                        return false;
                    }

                    sizes.Sort();
                    o.Sizes = sizes;
                    sizesGiven = true;
                    break;
                case "--repeat":
                    if (!TryInt(Next(), 1, 1000, out int r))
                    {
                        error = "--repeat needs a number between 1 and 1000";
                        return false;
                    }

                    o.Repeat = r;
                    repeatGiven = true;
                    break;
                case "--per-child":
                    if (!TryInt(Next(), 100, 15000, out int pc))
                    {
                        error = "--per-child needs a number between 100 and 15000 (a process may hold 20000 files)";
                        return false;
                    }

                    o.PerChild = pc;
                    break;
                case "--min-children":
                    if (!TryInt(Next(), 1, 1000, out int mc))
                    {
                        error = "--min-children needs a number between 1 and 1000";
                        return false;
                    }

                    o.MinChildren = mc;
                    break;
                case "--ttl":
                    if (!TryInt(Next(), 10, 3600, out int ttl))
                    {
                        error = "--ttl needs seconds between 10 and 3600";
                        return false;
                    }

                    o.TtlSeconds = ttl;
                    break;
                case "--skip":
                    foreach (string part in (Next() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (part is not ("ss" or "netstat" or "psutil" or "pwsh"))
                        {
                            error = $"--skip: '{part}' is not one of ss, netstat, psutil, pwsh";
                            return false;
                        }

                        o.Skip.Add(part);
                    }

                    break;
                case "--cases":
                    foreach (string part in (Next() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!((IList<string>)CaseNames).Contains(part))
                        {
                            error = $"--cases: '{part}' is not one of {string.Join(", ", CaseNames)}";
                            return false;
                        }

                        o.Cases.Add(part);
                    }

                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--markdown":
                    o.Markdown = true;
                    break;
                case "--no-netns":
                    o.NoNetns = true;
                    break;
                case "--help" or "-h":
                    o.Help = true;
                    break;
                default:
                    error = $"unknown argument '{a}'";
                    return false;
            }
        }

        if (quick)
        {
            if (!sizesGiven)
            {
                o.Sizes = new[] { 2000, 20000 };
            }

            if (!repeatGiven)
            {
                o.Repeat = 3;
            }
        }

        options = o;
        return true;
    }

    private static bool TryInt(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
