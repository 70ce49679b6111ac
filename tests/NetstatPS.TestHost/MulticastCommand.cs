using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost multicast [--name N]…</c>: runs <see cref="MulticastMembershipReader"/> on this OS and
/// prints {"Rows":[…],"Warnings":[…],"UnmatchedNames":[…]} as one JSON line (for namespace tests and Wine).
/// </summary>
internal sealed class MulticastCommand : ITestHostCommand
{
    public string Name => "multicast";

    public int Run(string[] args)
    {
        var parsed = new TestHostArgs(args);
        QueryResult<MulticastMembership> r = MulticastMembershipReader.Read(new InterfaceQuery { Names = parsed.All("--name").Select(n => new NamePattern(n)).ToArray() });
        JsonOutput.Write(new { Rows = r.Items, r.Warnings, r.UnmatchedNames });
        return 0;
    }
}
