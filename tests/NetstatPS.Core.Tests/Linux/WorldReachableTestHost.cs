using System;
using System.IO;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// A copy of nsps-testhost that user nobody can run wherever the clone is. The bin folder is reachable
/// by nobody only if every folder above it is: a clone under /root or in a `mktemp -d` folder (mode
/// 700) is not, and setpriv then fails with "Permission denied" before the unprivileged test asserts
/// anything. So the apphost and the files it loads are copied, once per test run, into a new folder
/// under /tmp (not $TMPDIR, which may itself be private) with world-readable modes, and the folder is
/// deleted when the test process exits.
/// </summary>
internal static class WorldReachableTestHost
{
    // What `nsps-testhost` loads from its own folder: the apphost, its assembly and config, the Core.
    private static readonly string[] Files =
    {
        "nsps-testhost", "nsps-testhost.dll", "nsps-testhost.deps.json", "nsps-testhost.runtimeconfig.json", "NetstatPS.Core.dll",
    };

    private static readonly Lazy<string> Copy = new(CopyOnce);

    /// <summary>The copied apphost (its process name is still nsps-testhost).</summary>
    public static string Path => Copy.Value;

    private static string CopyOnce()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("user nobody and setpriv are Linux's");
        }

        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Runnable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        string folder = System.IO.Path.Combine("/tmp", "nsps-testhost-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder, Runnable);
        File.SetUnixFileMode(folder, Runnable); // CreateDirectory's mode is filtered by the umask
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(folder);
        foreach (string name in Files)
        {
            string to = System.IO.Path.Combine(folder, name);
            File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, name), to);
            File.SetUnixFileMode(to, name == "nsps-testhost" ? Runnable : Readable);
        }

        return System.IO.Path.Combine(folder, "nsps-testhost");
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort at exit: a leftover folder in /tmp is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
