using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>Fixture paths and the network-namespace runner the Linux statistics tests share.</summary>
internal static class LinuxTestSupport
{
    /// <summary>The nsps-testhost apphost copied beside the tests.</summary>
    public static string TestHost => Path.Combine(AppContext.BaseDirectory, "nsps-testhost");

    /// <summary>A file under tests/fixtures/linux.</summary>
    public static string Fixture(params string[] parts) =>
        Path.Combine(AppContext.BaseDirectory, "fixtures", "linux", Path.Combine(parts));

    /// <summary>A fixture's bytes.</summary>
    public static byte[] FixtureBytes(params string[] parts) => File.ReadAllBytes(Fixture(parts));

    /// <summary>
    /// Runs <paramref name="script"/> with bash inside a new network and mount namespace (sysfs remounted so
    /// /sys/class/net shows the namespace, unless <paramref name="remountSysfs"/> is false). $HOST is
    /// nsps-testhost, $OUT a fresh directory whose path is returned; the script writes its results there.
    /// </summary>
    public static string RunInNetns(string script, bool remountSysfs = true)
    {
        Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), "these tests run on Linux");
        TestLayer.Require(MachineNeed.NetworkNamespace);
        string output = Path.Combine(Path.GetTempPath(), "nsps-stats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        string full = "set -eu\n" + (remountSysfs ? "mount -t sysfs sysfs /sys\n" : string.Empty) + script;
        var psi = new ProcessStartInfo("unshare", new[] { "-n", "-m", "bash", "-c", full })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["HOST"] = TestHost;
        psi.Environment["OUT"] = output;
        using Process p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "the namespace script timed out");
        Assert.True(p.ExitCode == 0, $"namespace script failed ({p.ExitCode}): {stderr}\n{stdout.Result}");
        return output;
    }

    /// <summary>Parses a JSON file the namespace script wrote.</summary>
    public static JsonElement Json(string directory, string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, file))).RootElement.Clone();

    /// <summary>A string property, or null when absent or JSON null.</summary>
    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A number property, or null when absent or JSON null.</summary>
    public static long? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    /// <summary>An unsigned number property, or null when absent or JSON null.</summary>
    public static ulong? UNum(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetUInt64() : null;
}
