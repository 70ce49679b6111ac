using System;

namespace NetstatPS.TestHost;

/// <summary>Prints the OS and runtime the host runs on (a smoke check that the runner starts, under Wine too).</summary>
internal sealed class VersionCommand : ITestHostCommand
{
    public string Name => "version";

    public int Run(string[] args)
    {
        JsonOutput.Write(new { Os = Environment.OSVersion.ToString(), Runtime = Environment.Version.ToString(), Is64Bit = Environment.Is64BitProcess });
        return 0;
    }
}
