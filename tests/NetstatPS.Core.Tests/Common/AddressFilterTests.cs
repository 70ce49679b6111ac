using System.Net;
using NetstatPS.Filtering;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class AddressFilterTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("127.0.0.0/8", "127.200.1.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3/16", "10.1.255.255", true)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("fe80::/10", "fe80::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.5", true)]
    [InlineData("::1", "127.0.0.1", false)]
    [InlineData("10.0.0.0/7", "11.255.0.1", true)]
    public void MatchesAddressesInThePrefix(string filter, string address, bool expected) =>
        Assert.Equal(expected, AddressFilter.Parse(filter).IsMatch(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.300")]
    [InlineData("10.0.0.0/33")]
    [InlineData("::/129")]
    [InlineData("10.0.0.0/x")]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData("1")]
    public void RejectsNonsenseNamingTheValue(string text)
    {
        Assert.False(AddressFilter.TryParse(text, out _, out string? error));
        Assert.Contains($"'{text}'", error);
        Assert.Contains("CIDR", error);
    }
}
