using System;
using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// nsps-testhost routes [--table T]… [--family IPv4|IPv6] [--destination ADDR] [--prefix PATTERN]
/// [--interface PATTERN] [--procfs]: runs RouteReader and prints {Items, Warnings} as JSON, so tests can
/// run the Core inside a network namespace they create.
/// </summary>
internal sealed class RoutesCommand : ITestHostCommand
{
    public string Name => "routes";

    public int Run(string[] args)
    {
        var a = new TestHostArgs(args, "--procfs");
        var query = new RouteQuery
        {
            Tables = a.All("--table").ToArray(),
            AddressFamilies = a.All("--family").Select(f => Enum.Parse<IPAddressFamily>(f, ignoreCase: true)).ToArray(),
            Destination = a.One("--destination") is string d ? IPAddress.Parse(d) : null,
            DestinationPrefixes = a.All("--prefix").Select(p => new NamePattern(p)).ToArray(),
            InterfaceNames = a.All("--interface").Select(p => new NamePattern(p)).ToArray(),
        };
        INetstatProvider provider = a.Has("--procfs") ? new FallbackLinuxProvider() : NetstatPlatform.Current;
        QueryResult<Route> result = RouteReader.Read(provider, query);
        JsonOutput.Write(new { result.Items, result.Warnings });
        return 0;
    }
}
