using System;
using System.IO;

namespace NetstatPS.Module.Tests;

/// <summary>Where the repository, the laid-out module and the docs are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Module => Path.Combine(Root, "out", "NetstatPS");

    public static string Docs => Path.Combine(Root, "docs");

    public static string Source => Path.Combine(Root, "src", "NetstatPS");

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "NetstatPS.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("NetstatPS.sln not found above " + AppContext.BaseDirectory);
    }
}
