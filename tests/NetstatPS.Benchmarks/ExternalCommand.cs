using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetstatPS.Benchmarks;

/// <summary>
/// Runs a command as a fresh process, as a user would, and times it from start to exit while draining
/// its output (counting lines). The time includes process start, exactly as for ss.
/// </summary>
internal static class ExternalCommand
{
    public static RunResult Run(ProcessStartInfo psi, int headerLines)
    {
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var sw = Stopwatch.StartNew();
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + psi.FileName);
        Task<long> lines = Task.Run(() => CountLines(p.StandardOutput.BaseStream));
        Task<string> err = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        long n = lines.Result;
        sw.Stop();
        string stderr = err.Result;
        if (p.ExitCode != 0)
        {
            return RunResult.Failed($"{Path.GetFileName(psi.FileName)} exited with {p.ExitCode}: {FirstLine(stderr)}");
        }

        return new RunResult(sw.Elapsed.TotalMilliseconds, Math.Max(0, n - headerLines), null);
    }

    /// <summary>Runs a short command and returns its standard output (for setup and checks, not timed).</summary>
    public static string Capture(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {p.ExitCode}: {err.Result.Trim()}");
        }

        return output;
    }

    public static ProcessStartInfo Command(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static long CountLines(Stream s)
    {
        byte[] buffer = new byte[1 << 16];
        long n = 0;
        int read;
        while ((read = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            n += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return n;
    }

    private static string FirstLine(string text)
    {
        string t = text.Trim();
        int nl = t.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? t : t.Substring(0, nl);
    }
}
