using System;
using System.Diagnostics;
using System.IO;

namespace NetstatPS.Benchmarks;

/// <summary>
/// Puts the whole benchmark in a private network and pid namespace: `unshare --net --pid --fork
/// --mount-proc --kill-child` re-executes this program in "inner" mode. The farm, NetstatPS, ss,
/// netstat and psutil then all see the same loopback-only socket table and the same /proc (only the
/// benchmark's own processes), nothing on the host changes, and when the inner process (pid 1 of the
/// namespace) ends — normally, by a crash or because unshare was killed — the kernel kills every farm
/// process with it.
/// </summary>
internal static class NamespaceLauncher
{
    public const string InnerMode = "inner";

    public static int Run(BenchOptions options, string[] args)
    {
        string? reason = options.NoNetns ? "--no-netns given" : WhyNoNamespace();
        if (reason is not null)
        {
            Console.Error.WriteLine($"bench: running in the host's network namespace ({reason}); the host's own sockets and processes mix in.");
            return new BenchmarkRunner(options, insideNamespace: false).Run();
        }

        var psi = new ProcessStartInfo("unshare") { UseShellExecute = false };
        foreach (string a in new[] { "--net", "--pid", "--fork", "--mount-proc", "--kill-child", "--" })
        {
            psi.ArgumentList.Add(a);
        }

        ProcessStartInfo self = SelfCommand.Create(InnerMode);
        psi.ArgumentList.Add(self.FileName);
        foreach (string a in self.ArgumentList)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start unshare");
        p.WaitForExit();
        return p.ExitCode;
    }

    private static string? WhyNoNamespace()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (Environment.UserName != "root" && !File.Exists("/proc/self/ns/net"))
        {
            return "no namespaces";
        }

        if (!CommandExists("unshare"))
        {
            return "unshare (util-linux) not found";
        }

        using Process probe = Process.Start(new ProcessStartInfo("unshare", "--net --pid --fork --mount-proc true")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        string err = probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : "unshare failed: " + err.Trim() + " (needs root or CAP_SYS_ADMIN)";
    }

    internal static bool CommandExists(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':'))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, name)))
            {
                return true;
            }
        }

        return false;
    }
}
