using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using NetstatPS.Sampling;

namespace NetstatPS.TestHost;

/// <summary>
/// Shared by the statistics subcommands: one sample, or with --samples 2 two samples with the shell
/// command given by --between run with bash in between (inside the same network namespace), the second sample
/// carrying CounterDelta's deltas and rates. Prints {Items, Warnings, First}.
/// </summary>
internal static class SampleCommand
{
    public static int Run<T>(TestHostArgs a, Func<(IReadOnlyList<T> Items, IReadOnlyList<string> Warnings)> read)
        where T : CounterSample
    {
        int samples = int.Parse(a.One("--samples") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        (IReadOnlyList<T> first, IReadOnlyList<string> warnings) = read();
        if (samples < 2)
        {
            JsonOutput.Write(new { Items = first.Cast<object>().ToArray(), Warnings = warnings });
            return 0;
        }

        if (a.One("--between") is string between)
        {
            using Process p = Process.Start(new ProcessStartInfo("/bin/bash", new[] { "-c", between }) { UseShellExecute = false })!;
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                Console.Error.WriteLine($"--between exited with {p.ExitCode}");
                return 3;
            }
        }

        (IReadOnlyList<T> second, IReadOnlyList<string> warnings2) = read();
        CounterDelta.ApplyAll(first, second);
        JsonOutput.Write(new { Items = second.Cast<object>().ToArray(), Warnings = warnings2, First = first.Cast<object>().ToArray() });
        return 0;
    }
}
