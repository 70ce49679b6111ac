using NetstatPS.Filtering;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class NamePatternTests
{
    [Theory]
    [InlineData("nginx", "nginx", true)]
    [InlineData("nginx", "NGINX", true)]
    [InlineData("nginx", "nginx2", false)]
    [InlineData("ngin*", "nginx", true)]
    [InlineData("*x", "nginx", true)]
    [InlineData("*", "", true)]
    [InlineData("n?inx", "nginx", true)]
    [InlineData("n?inx", "ninx", false)]
    [InlineData("eth[0-2]", "eth1", true)]
    [InlineData("eth[0-2]", "eth3", false)]
    [InlineData("[ab]*", "bond0", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("a`*", "a*", true)]
    [InlineData("a`*", "ab", false)]
    public void MatchesLikePowerShellWildcards(string pattern, string value, bool expected) =>
        Assert.Equal(expected, new NamePattern(pattern).IsMatch(value));

    [Fact]
    public void NullNeverMatches() => Assert.False(new NamePattern("*").IsMatch(null));

    [Theory]
    [InlineData("eth0", false)]
    [InlineData("eth*", true)]
    [InlineData("eth?", true)]
    [InlineData("eth[01]", true)]
    public void KnowsWhetherItIsAWildcard(string pattern, bool expected) =>
        Assert.Equal(expected, new NamePattern(pattern).IsWildcard);
}
