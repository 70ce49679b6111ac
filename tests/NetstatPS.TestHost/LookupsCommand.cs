using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// nsps-testhost lookups --addresses FILE [--source ADDR] [--interface NAME] [--interface-index N]
/// [--table T]… [--procfs]: runs RouteReader once per address of FILE (one a line), in one process so a
/// test can compare hundreds of lookups with ip route get, and prints
/// [{Address, Items, Warnings, UnmatchedNames, Failures}] as JSON.
/// </summary>
internal sealed class LookupsCommand : ITestHostCommand
{
    public string Name => "lookups";

    public int Run(string[] args)
    {
        var a = new TestHostArgs(args, "--procfs");
        string file = a.One("--addresses") ?? throw new System.ArgumentException("--addresses FILE is required");
        INetstatProvider provider = a.Has("--procfs") ? new FallbackLinuxProvider() : NetstatPlatform.Current;
        var results = new List<object>();
        foreach (string address in File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            QueryResult<Route> r = RouteReader.Read(provider, RoutesCommand.Query(a, address));
            results.Add(new { Address = address, r.Items, r.Warnings, r.UnmatchedNames, Failures = r.Failures.Select(f => new { f.ErrorId, f.Target, f.Message }) });
        }

        JsonOutput.Write(results);
        return 0;
    }
}
