using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>nsps-testhost protocols [--samples 2 --between CMD]: ProtocolStatisticReader as JSON.</summary>
internal sealed class ProtocolsCommand : ITestHostCommand
{
    public string Name => "protocols";

    public int Run(string[] args)
    {
        var a = new TestHostArgs(args);
        return SampleCommand.Run(a, () =>
        {
            QueryResult<ProtocolStatistic> r = ProtocolStatisticReader.Read(NetstatPlatform.Current, new ProtocolQuery());
            return (r.Items, r.Warnings);
        });
    }
}
