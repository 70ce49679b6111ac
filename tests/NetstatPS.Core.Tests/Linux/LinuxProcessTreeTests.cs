using System.Text;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>The parent field of /proc/[pid]/stat, whatever the command name holds.</summary>
public class LinuxProcessTreeTests
{
    [Theory]
    [InlineData("1234 (nginx) S 1 1234 1234 0 -1 4194560", 1)]
    [InlineData("77 (a b) c) (d) R 4321 77 77 0", 4321)]
    [InlineData("9 ()) Z 0 0 0", 0)]
    public void ReadsTheParentAfterTheLastParenthesis(string line, int parent)
    {
        Assert.True(LinuxProcessTree.TryParseParent(Encoding.ASCII.GetBytes(line), out int parsed));
        Assert.Equal(parent, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 (truncated")]
    [InlineData("12 (x) S")]
    [InlineData("12 (x) S abc")]
    public void RefusesWhatIsNotAStatLine(string line) =>
        Assert.False(LinuxProcessTree.TryParseParent(Encoding.ASCII.GetBytes(line), out _));
}
