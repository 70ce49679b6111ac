using System;
using System.Diagnostics;
using System.IO;

namespace NetstatPS.Benchmarks;

/// <summary>Builds a command line that runs this same program again (apphost or `dotnet x.dll`).</summary>
internal static class SelfCommand
{
    public static ProcessStartInfo Create(params string[] args)
    {
        string path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var psi = new ProcessStartInfo(path) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.Ordinal))
        {
            psi.ArgumentList.Add(typeof(SelfCommand).Assembly.Location);
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }
}
