using System;
using System.Globalization;
using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// nsps-testhost routes [--table T]… [--family IPv4|IPv6] [--destination ADDR] [--source ADDR]
/// [--prefix PATTERN] [--interface PATTERN] [--interface-index N] [--procfs]: runs RouteReader and prints
/// {Items, Warnings, UnmatchedNames, Failures} as JSON, so tests can run the Core inside a network
/// namespace they create.
/// </summary>
internal sealed class RoutesCommand : ITestHostCommand
{
    public string Name => "routes";

    public int Run(string[] args)
    {
        var a = new TestHostArgs(args, "--procfs");
        RouteQuery query = Query(a, a.One("--destination"));
        INetstatProvider provider = a.Has("--procfs") ? new FallbackLinuxProvider() : NetstatPlatform.Current;
        QueryResult<Route> result = RouteReader.Read(provider, query);
        JsonOutput.Write(new { result.Items, result.Warnings, result.UnmatchedNames, Failures = result.Failures.Select(f => new { f.ErrorId, f.Target, f.Message }) });
        return 0;
    }

    /// <summary>The query the shared options describe, for one destination (or none).</summary>
    internal static RouteQuery Query(TestHostArgs a, string? destination) => new()
    {
        Tables = a.All("--table").ToArray(),
        AddressFamilies = a.All("--family").Select(f => Enum.Parse<IPAddressFamily>(f, ignoreCase: true)).ToArray(),
        Destination = destination is string d ? IPAddress.Parse(d) : null,
        SourceAddress = a.One("--source") is string s ? IPAddress.Parse(s) : null,
        DestinationPrefixes = a.All("--prefix").Select(p => new NamePattern(p)).ToArray(),
        InterfaceNames = a.All("--interface").Select(p => new NamePattern(p)).ToArray(),
        InterfaceIndexes = a.All("--interface-index").Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray(),
    };
}
