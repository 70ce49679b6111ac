using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace NetstatPS.Benchmarks;

/// <summary>
/// The pwsh contender: one persistent <c>dotnet tool run pwsh</c> (the repository's PowerShell 7.6.9
/// local tool) started inside the benchmark's namespace, which imports out/NetstatPS once and then
/// times each query as a user runs it (pwsh-query.ps1), so parameter binding, the cmdlet and the
/// pipeline are in the figure, but not pwsh's start-up. Queries alternate with the other contenders.
/// </summary>
internal sealed class PwshSession : IDisposable
{
    private readonly Process process;

    private PwshSession(Process process) => this.process = process;

    /// <summary>Why pwsh could not be started; null when it runs.</summary>
    public static string? StartError { get; private set; }

    /// <summary>Starts the session, or returns null (with <see cref="StartError"/>) when pwsh or the built module is missing.</summary>
    public static PwshSession? TryStart()
    {
        try
        {
            string repo = RenderCase.RepoRoot();
            string module = Path.Combine(repo, "out", "NetstatPS", "NetstatPS.psd1");
            if (!File.Exists(module))
            {
                StartError = module + " not built (dotnet build NetstatPS.sln -c Release)";
                return null;
            }

            var psi = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                WorkingDirectory = repo,
            };
            foreach (string a in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", Path.Combine(AppContext.BaseDirectory, "pwsh-query.ps1"), "-Module", module })
            {
                psi.ArgumentList.Add(a);
            }

            Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet tool run pwsh");
            string? ready = p.StandardOutput.ReadLine();
            if (ready != "READY")
            {
                StartError = "pwsh did not start: " + (ready ?? "no output");
                p.Kill();
                p.Dispose();
                return null;
            }

            StartError = null;
            return new PwshSession(p);
        }
#pragma warning disable CA1031 // A missing pwsh is a skip reason, not a broken benchmark.
        catch (Exception e)
#pragma warning restore CA1031
        {
            StartError = e.GetType().Name + ": " + e.Message;
            return null;
        }
    }

    /// <summary>Runs one query in the session and returns pwsh's own stopwatch time and row count.</summary>
    public RunResult Run(string query, int argument)
    {
        this.process.StandardInput.WriteLine(query + " " + argument.ToString(CultureInfo.InvariantCulture));
        this.process.StandardInput.Flush();
        string? line = this.process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("RESULT ", StringComparison.Ordinal))
        {
            return RunResult.Failed("pwsh: " + (line ?? "exited"));
        }

        string[] parts = line.Split(' ');
        return new RunResult(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), null);
    }

    /// <summary>Ends the session (an empty line), and kills it by id if it does not exit.</summary>
    public void Dispose()
    {
        try
        {
            this.process.StandardInput.WriteLine();
            this.process.StandardInput.Close();
            if (!this.process.WaitForExit(10000))
            {
                this.process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        this.process.Dispose();
    }
}
