using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class RouteReaderTests
{
    private readonly FakeProvider provider = new();

    public RouteReaderTests()
    {
        this.provider.RouteRows.AddRange(new[]
        {
            R("0.0.0.0", 0, "10.0.0.1", "eth0", 100, 254),
            R("0.0.0.0", 0, "10.0.0.254", "eth1", 50, 254),
            R("10.0.0.0", 8, "0.0.0.0", "eth0", 100, 254),
            R("10.1.0.0", 16, "10.0.0.2", "eth0", 0, 254),
            R("127.0.0.0", 8, "0.0.0.0", "lo", 0, 255, "Local"),
            R("10.1.2.0", 24, "10.0.0.3", "eth0", 0, 100),
            R("::", 0, "fe80::1", "eth0", 1024, 254),
        });
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.0.0/16")]
    [InlineData("10.200.0.1", "10.0.0.0/8")]
    [InlineData("203.0.113.7", "0.0.0.0/0")]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("2001:db8::1", "::/0")]
    public void PicksTheLongestPrefixThenTheLowestMetricAcrossDefaultRuleTables(string destination, string expectedPrefix)
    {
        var rows = RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse(destination) }).Items;
        Route chosen = Assert.Single(rows);
        Assert.Equal(expectedPrefix, chosen.DestinationPrefix);
        if (expectedPrefix == "0.0.0.0/0")
        {
            Assert.Equal("eth1", chosen.InterfaceName);
        }
    }

    [Fact]
    public void LookupReadsEveryTableSoTheLocalTableDecidesFirst()
    {
        RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("127.0.0.1") });
        Assert.Equal(new[] { "all" }, this.provider.RouteQueries.Single().Tables);
    }

    [Fact]
    public void NoRouteGivesNothing()
    {
        this.provider.RouteRows.RemoveAll(r => r.PrefixLength == 0);
        Assert.Empty(RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("192.0.2.1") }).Items);
    }

    [Fact]
    public void FiltersByPrefixAndInterfaceWildcards()
    {
        var rows = RouteReader.Read(this.provider, new RouteQuery { DestinationPrefixes = new[] { new NamePattern("10.*") }, InterfaceNames = new[] { new NamePattern("eth?") } }).Items;
        Assert.Equal(new[] { "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24" }, rows.Select(r => r.DestinationPrefix));
    }

    [Fact]
    public void DerivesNetmaskAndDefaultness()
    {
        Route r = R("10.1.0.0", 16, "0.0.0.0", "eth0", 0, 254);
        Assert.Equal("255.255.0.0", r.Netmask);
        Assert.False(r.IsDefault);
        Assert.True(R("0.0.0.0", 0, "10.0.0.1", "eth0", 0, 254).IsDefault);
        Assert.Equal("255.255.255.255", R("10.1.1.1", 32, "0.0.0.0", "eth0", 0, 254).Netmask);
        Assert.Null(R("::", 0, "fe80::1", "eth0", 0, 254).Netmask);
    }

    private static Route R(string dest, int prefix, string nextHop, string dev, long metric, long table, string type = "Unicast") => new()
    {
        AddressFamily = dest.Contains(':') ? IPAddressFamily.IPv6 : IPAddressFamily.IPv4,
        Destination = dest,
        PrefixLength = prefix,
        NextHop = nextHop,
        IsOnLink = nextHop is "0.0.0.0" or "::",
        InterfaceName = dev,
        Metric = metric,
        Table = table,
        Type = type,
    };
}
