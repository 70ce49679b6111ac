using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>nsps-testhost interfaces [--name PATTERN]… [--procfs] [--samples 2 --between CMD]: InterfaceStatisticReader as JSON.</summary>
internal sealed class InterfacesCommand : ITestHostCommand
{
    public string Name => "interfaces";

    public int Run(string[] args)
    {
        var a = new TestHostArgs(args, "--procfs");
        INetstatProvider provider = a.Has("--procfs") ? new FallbackLinuxProvider() : NetstatPlatform.Current;
        var query = new InterfaceQuery { Names = a.All("--name").Select(n => new NamePattern(n)).ToArray() };
        return SampleCommand.Run(a, () =>
        {
            QueryResult<InterfaceStatistic> r = InterfaceStatisticReader.Read(provider, query);
            return (r.Items, r.Warnings);
        });
    }
}
