using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// Publishes nsps-testhost self-contained for win-x64 once per test run (from a copy of the sources, so
/// the win-x64 restore never touches the solution's own obj folders), then runs one scenario inside a
/// private network namespace: loopback up, a veth pair with a fixed MAC, IPv4 routes with metrics, an
/// IPv6 address; the Linux nsps-testhost opens a TCP listener, an established pair, an IPv6 listener
/// and a UDP socket; oracles (ss, ip -j, /proc/net/snmp) are captured around one run of
/// <c>wine64 nsps-testhost.exe windows-report</c> in a fresh WINEPREFIX. The prefix's wineserver is
/// stopped and every temporary directory deleted on dispose.
/// </summary>
public sealed class WineFixture : IDisposable
{
    public const int Port = 47001;

    private readonly string root;
    private readonly string prefix;

    public WineFixture()
    {
        this.root = Path.Combine(Path.GetTempPath(), "nsps-wine-" + Guid.NewGuid().ToString("N"));
        this.prefix = Path.Combine(this.root, "prefix");
        this.Work = Path.Combine(this.root, "work");
        Directory.CreateDirectory(this.prefix);
        Directory.CreateDirectory(this.Work);

        // Constructed even when every test of the class is skipped (xunit builds class fixtures first):
        // a missing layer costs nothing here, and under CI=true its message is every test's failure.
        string? missing = TestLayer.RequireFailure(TestLayer.Missing(MachineNeed.WineLayer));
        if (missing is not null)
        {
            this.SetupError = missing;
            return;
        }

        try
        {
            string publish = this.Publish();
            this.RunScenario(publish);
            this.Report = JsonDocument.Parse(File.ReadAllText(Path.Combine(this.Work, "report.json"))).RootElement;
        }
        catch (Exception e)
        {
            this.SetupError = e.ToString() + Environment.NewLine + this.Diagnostics();
        }
    }

    /// <summary>Where the scenario's files are (report.json, ss.txt, routes4.json …).</summary>
    public string Work { get; }

    /// <summary>windows-report's JSON.</summary>
    public JsonElement Report { get; }

    /// <summary>Why the scenario did not produce a report; null when it did.</summary>
    public string? SetupError { get; }

    public string ReadWork(string name) => File.ReadAllText(Path.Combine(this.Work, name));

    public JsonElement ReadWorkJson(string name) => JsonDocument.Parse(this.ReadWork(name)).RootElement;

    public void Dispose()
    {
        // The script already ran wineserver -k; again in case it timed out before reaching that line.
        if (File.Exists(TestLayer.WineServerPath))
        {
            try
            {
                Run(TestLayer.WineServerPath, new[] { "-k" }, TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["WINEPREFIX"] = this.prefix }, out _);
            }
            catch (TimeoutException)
            {
                // Killed by Run; nothing more to stop.
            }
        }

        try
        {
            Directory.Delete(this.root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string RepoRoot()
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

    private static void CopyTree(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(from, dir);
            if (!IsBuildOutput(rel))
            {
                Directory.CreateDirectory(Path.Combine(to, rel));
            }
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(from, file);
            if (!IsBuildOutput(rel))
            {
                File.Copy(file, Path.Combine(to, rel));
            }
        }
    }

    private static bool IsBuildOutput(string relative)
    {
        string first = relative.Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static int Run(string file, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string> env, out string output)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // dotnet test exports MSBuild variables that would point a nested build at the outer one.
        foreach (string key in new List<string>(psi.Environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MSBUILD", StringComparison.Ordinal))
            {
                psi.Environment.Remove(key);
            }
        }

        foreach (KeyValuePair<string, string> kv in env)
        {
            psi.Environment[kv.Key] = kv.Value;
        }

        var text = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit((int)timeout.TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            lock (text)
            {
                output = text.ToString();
            }

            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} did not finish in {timeout}; killed. Output:\n{output}");
        }

        p.WaitForExit();
        lock (text)
        {
            output = text.ToString();
        }

        return p.ExitCode;
    }

    private string Publish()
    {
        string repo = RepoRoot();
        string src = Path.Combine(this.root, "src");
        foreach (string file in new[] { "Directory.Build.props", "NetstatPS.psd1", "global.json" })
        {
            Directory.CreateDirectory(src);
            File.Copy(Path.Combine(repo, file), Path.Combine(src, file));
        }

        Directory.CreateDirectory(Path.Combine(src, "tests"));
        File.Copy(Path.Combine(repo, "tests", "Directory.Build.props"), Path.Combine(src, "tests", "Directory.Build.props"));
        CopyTree(Path.Combine(repo, "src", "NetstatPS.Core"), Path.Combine(src, "src", "NetstatPS.Core"));
        CopyTree(Path.Combine(repo, "tests", "NetstatPS.TestHost"), Path.Combine(src, "tests", "NetstatPS.TestHost"));

        string output = Path.Combine(this.root, "publish");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        int rc = Run(
            dotnet,
            new[]
            {
                "publish", Path.Combine(src, "tests", "NetstatPS.TestHost", "NetstatPS.TestHost.csproj"),
                "-c", "Release", "-r", "win-x64", "--self-contained", "-o", output,
                "-nodeReuse:false", "-p:UseSharedCompilation=false",
            },
            TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            out string log);
        if (rc != 0 || !File.Exists(Path.Combine(output, "nsps-testhost.exe")))
        {
            throw new InvalidOperationException($"dotnet publish -r win-x64 failed ({rc}):\n{log}");
        }

        return output;
    }

    private void RunScenario(string publish)
    {
        string linuxHost = Path.Combine(AppContext.BaseDirectory, "nsps-testhost");
        string script = Path.Combine(this.root, "scenario.sh");
        File.WriteAllText(script, $$"""
            W='{{this.Work}}'
            ip link set lo up
            ip link add nsa type veth peer name nsb
            ip link set nsa address 02:00:5e:10:20:30
            ip addr add 10.200.0.1/24 dev nsa
            ip link set nsa up
            ip link set nsb up
            ip route add 10.201.0.0/16 via 10.200.0.254 metric 7
            ip route add default via 10.200.0.254 metric 3
            ip route add 10.202.0.5/32 dev nsa
            ip -6 addr add fd00:200::1/64 dev nsa nodad
            '{{linuxHost}}' wine-sockets {{Port}} 600 "$W/stop" > "$W/sockets.json" 2> "$W/sockets-stderr.txt" &
            for i in $(seq 300); do [ -s "$W/sockets.json" ] && break; sleep 0.1; done
            ss -Htan > "$W/ss.txt"
            ip -j route show table main > "$W/routes4.json"
            ip -j -6 route show table main > "$W/routes6.json"
            ip -j -s link show > "$W/link-before.json"
            ip maddr show > "$W/maddr.txt"
            cat /proc/net/snmp > "$W/snmp-before.txt"
            WINEPREFIX='{{this.prefix}}' WINEDEBUG=-all WINEDLLOVERRIDES='mshtml=' timeout -k 10 300 '{{TestLayer.Wine64Path}}' '{{publish}}/nsps-testhost.exe' windows-report > "$W/report.json" 2> "$W/wine-stderr.txt"
            echo $? > "$W/wine-rc.txt"
            cat /proc/net/snmp > "$W/snmp-after.txt"
            ip -j -s link show > "$W/link-after.json"
            WINEPREFIX='{{this.prefix}}' timeout 60 '{{TestLayer.WineServerPath}}' -k
            touch "$W/stop"
            wait
            """);
        int rc = Run("unshare", new[] { "-n", "sh", script }, TimeSpan.FromMinutes(8), new Dictionary<string, string>(), out string log);
        File.WriteAllText(Path.Combine(this.Work, "scenario-log.txt"), log);
        if (rc != 0)
        {
            throw new InvalidOperationException($"unshare -n scenario failed ({rc}):\n{log}");
        }

        string wineRc = this.ReadWork("wine-rc.txt").Trim();
        if (wineRc != "0")
        {
            throw new InvalidOperationException($"wine64 nsps-testhost.exe windows-report exited {wineRc}");
        }
    }

    private string Diagnostics()
    {
        var sb = new StringBuilder();
        foreach (string name in new[] { "scenario-log.txt", "sockets.json", "sockets-stderr.txt", "wine-stderr.txt", "report.json" })
        {
            string path = Path.Combine(this.Work, name);
            if (File.Exists(path))
            {
                string text = File.ReadAllText(path);
                sb.Append("--- ").AppendLine(name).AppendLine(text.Length > 4000 ? text.Substring(0, 4000) : text);
            }
        }

        return sb.ToString();
    }
}
