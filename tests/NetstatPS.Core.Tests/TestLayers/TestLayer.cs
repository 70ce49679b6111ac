using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace NetstatPS.Core.Tests.TestLayers;

/// <summary>
/// The one rule for test layers that depend on the machine: when something a layer needs is missing,
/// its tests are skipped with a message saying how to get it — except under CI (the environment
/// variable CI is "true"), where a missing layer is a failure, never a skip, so a CI machine that lost
/// wine64 or iproute2 cannot turn a layer green by not running it. The attributes
/// (<see cref="FactNeedingAttribute"/>, <see cref="TheoryNeedingAttribute"/>) ask
/// <see cref="SkipReason(MachineNeed)"/>; the code that starts the tool calls
/// <see cref="Require(MachineNeed)"/>, which is what fails loudly under CI.
/// </summary>
public static class TestLayer
{
    /// <summary>Where Debian's wine64 package puts the loader.</summary>
    public const string DefaultWine64 = "/usr/lib/wine/wine64";

    /// <summary>The environment variable that names another wine64 (also how the skip is proven without uninstalling Wine).</summary>
    public const string Wine64Variable = "NSPS_WINE64";

    private const string CiNote = "CI installs it";

    private static readonly Lazy<Dictionary<MachineNeed, string?>> Probed = new(ProbeAll);

    /// <summary>Whether this run is CI's: CI=true (any case), as GitHub Actions, GitLab and most runners set it.</summary>
    public static bool IsCi => IsCiValue(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The wine64 loader the Wine layer runs: $NSPS_WINE64, or Debian's path.</summary>
    public static string Wine64Path => Wine64PathFrom(Environment.GetEnvironmentVariable(Wine64Variable));

    /// <summary>wineserver, beside the loader (Debian installs both in /usr/lib/wine).</summary>
    public static string WineServerPath => Path.Combine(Path.GetDirectoryName(Wine64Path) ?? "/", "wineserver");

    /// <summary>What is missing for <paramref name="needs"/>, one message per missing thing (empty when nothing is).</summary>
    /// <param name="needs">The layer's needs.</param>
    /// <returns>The messages.</returns>
    public static IReadOnlyList<string> Missing(MachineNeed needs) =>
        Probed.Value.Where(p => (needs & p.Key) == p.Key && p.Value is not null).Select(p => p.Value!).ToList();

    /// <summary>The Skip text for a test needing <paramref name="needs"/> on this machine in this run; null to run it.</summary>
    /// <param name="needs">The layer's needs.</param>
    /// <returns>Why to skip, or null.</returns>
    public static string? SkipReason(MachineNeed needs) => SkipReason(Missing(needs), IsCi);

    /// <summary>The decision itself: skip (with every reason) when something is missing, unless this is CI.</summary>
    /// <param name="missing">What is missing.</param>
    /// <param name="ci">Whether this is a CI run.</param>
    /// <returns>Why to skip, or null to run (and, under CI with something missing, fail).</returns>
    public static string? SkipReason(IReadOnlyList<string> missing, bool ci) =>
        missing.Count == 0 || ci ? null : string.Join("; ", missing) + " (with CI=true this is a failure, not a skip)";

    /// <summary>Fails the test when something <paramref name="needs"/> names is missing: reached only when the test was not skipped, i.e. under CI.</summary>
    /// <param name="needs">The layer's needs.</param>
    public static void Require(MachineNeed needs)
    {
        string? failure = RequireFailure(Missing(needs));
        if (failure is not null)
        {
            Assert.Fail(failure);
        }
    }

    /// <summary>The failure text for <see cref="Require(MachineNeed)"/>; null when nothing is missing.</summary>
    /// <param name="missing">What is missing.</param>
    /// <returns>The message or null.</returns>
    public static string? RequireFailure(IReadOnlyList<string> missing) =>
        missing.Count == 0 ? null : "This layer cannot run here and is not skipped (CI=true makes a missing layer a failure): " + string.Join("; ", missing);

    /// <summary>Parses the CI variable: only "true" (trimmed, any case) means CI.</summary>
    /// <param name="value">The variable's value or null.</param>
    /// <returns>Whether it says CI.</returns>
    public static bool IsCiValue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The wine64 path for a value of NSPS_WINE64 (unset or empty: Debian's).</summary>
    /// <param name="value">The variable's value or null.</param>
    /// <returns>The path.</returns>
    public static string Wine64PathFrom(string? value) => string.IsNullOrWhiteSpace(value) ? DefaultWine64 : value.Trim();

    /// <summary>The full path of <paramref name="tool"/> in one of <paramref name="searchPath"/>'s directories (':'-separated), or null.</summary>
    /// <param name="tool">A command name.</param>
    /// <param name="searchPath">A PATH value.</param>
    /// <returns>Where it is, or null.</returns>
    public static string? FindOnPath(string tool, string? searchPath)
    {
        foreach (string dir in (searchPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, tool);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // The layers are Linux's; on Windows (no mode bits) existing is enough.
    private static bool IsExecutableFile(string path) =>
        File.Exists(path) &&
        (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    // Probed once per test run: the attributes ask for every test method at discovery.
    private static Dictionary<MachineNeed, string?> ProbeAll() => new()
    {
        [MachineNeed.Root] = Environment.IsPrivilegedProcess ? null :
            $"not running as root (user {Environment.UserName}): the live layers make network namespaces, switch users and see every owner; run the tests as root (CI does)",
        [MachineNeed.Unshare] = Tool("unshare", "util-linux", "the network-namespace layer"),
        [MachineNeed.Ip] = Tool("ip", "iproute2", "the network-namespace layer"),
        [MachineNeed.Ss] = Tool("ss", "iproute2", "the ss cross-checks"),
        [MachineNeed.Nstat] = Tool("nstat", "iproute2", "the protocol-counter cross-check"),
        [MachineNeed.Python3] = Tool("python3", "python3", "the forked-listener test"),
        [MachineNeed.Setpriv] = Tool("setpriv", "util-linux", "the unprivileged-user layer"),
        [MachineNeed.NobodyUser] = HasUser(65534) ? null :
            "no user with uid 65534 (nobody) in /etc/passwd: the unprivileged-user layer runs the Core as that user (Debian has it by default)",
        [MachineNeed.Wine64] = File.Exists(Wine64Path) ? null :
            $"wine64 not found at {Wine64Path}: apt-get install wine64 to run the Windows-provider layer ({CiNote}; {Wine64Variable} names another wine64)",
    };

    private static string? Tool(string name, string package, string layer) =>
        FindOnPath(name, Environment.GetEnvironmentVariable("PATH")) is not null ? null :
            $"{name} not found on PATH: apt-get install {package} to run {layer} ({CiNote})";

    private static bool HasUser(int uid)
    {
        try
        {
            string id = uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return File.ReadLines("/etc/passwd").Any(line => line.Split(':') is { Length: > 2 } f && f[2] == id);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
