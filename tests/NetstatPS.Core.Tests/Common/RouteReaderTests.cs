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

    [Fact]
    public void ALookupIsTheOSsAnswerFilteredLikeAListing()
    {
        Route chosen = R("172.16.0.0", 16, "10.0.0.9", "eth1", 0, 254);
        this.provider.LookupAnswer = _ => RouteLookupAnswer.Found(chosen);
        var query = new RouteQuery { Destination = IPAddress.Parse("172.16.3.4"), SourceAddress = IPAddress.Parse("10.0.0.1"), InterfaceIndexes = new[] { 3 } };
        QueryResult<Route> r = RouteReader.Read(this.provider, query);
        Assert.Same(chosen, Assert.Single(r.Items));
        Assert.NotEqual(default, chosen.Timestamp);
        Assert.Empty(r.Warnings);
        Assert.Empty(r.Failures);
        Assert.Same(query, Assert.Single(this.provider.LookupQueries));
        Assert.Empty(this.provider.RouteQueries); // the tables are not read when the OS answers

        Assert.Empty(RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("172.16.3.4"), DestinationPrefixes = new[] { new NamePattern("10.*") } }).Items);
        Assert.Empty(RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("172.16.3.4"), AddressFamilies = new[] { IPAddressFamily.IPv6 } }).Items);
        Assert.Equal(2, this.provider.LookupQueries.Count); // a family the address is not of is not asked
    }

    [Fact]
    public void TheOSsRefusalIsAFailureNamingTheAddressAndAnUnknownInterfaceIsUnmatched()
    {
        this.provider.LookupAnswer = _ => RouteLookupAnswer.Refused("No route to 192.0.2.1: the kernel answered Network is unreachable (ENETUNREACH): no route matches it.");
        QueryResult<Route> r = RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("192.0.2.1") });
        Assert.Empty(r.Items);
        QueryFailure f = Assert.Single(r.Failures);
        Assert.Equal(("NoRoute", "192.0.2.1"), (f.ErrorId, f.Target));
        Assert.Contains("ENETUNREACH", f.Message, System.StringComparison.Ordinal);

        this.provider.LookupAnswer = _ => RouteLookupAnswer.NoSuchInterface("eth9");
        r = RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("192.0.2.1"), InterfaceNames = new[] { new NamePattern("eth9") } });
        Assert.Equal(new[] { "eth9" }, r.UnmatchedNames);
        Assert.Empty(r.Failures);

        this.provider.LookupAnswer = _ => RouteLookupAnswer.NotInTables();
        r = RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("192.0.2.1"), Tables = new[] { "100" } });
        Assert.Empty(r.Items);
        Assert.Empty(r.Failures);
    }

    [Fact]
    public void ASourceOfAnotherFamilyIsRefusedBeforeAsking()
    {
        Assert.Throws<System.ArgumentException>(() => RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("10.1.2.3"), SourceAddress = IPAddress.Parse("::1") }));
        Assert.Empty(this.provider.LookupQueries);
    }

    [Fact]
    public void WhereTheOSCannotBeAskedTheTableAnswersWithAWarningSayingWhatThatIgnores()
    {
        QueryResult<Route> r = RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("10.1.2.3") });
        Assert.Equal("10.1.0.0/16", Assert.Single(r.Items).DestinationPrefix);
        string warning = Assert.Single(r.Warnings);
        Assert.Contains("the fake cannot ask.", warning, System.StringComparison.Ordinal);
        Assert.Contains("ignores policy rules", warning, System.StringComparison.Ordinal);
        Assert.Contains("first next hop of a multipath route", warning, System.StringComparison.Ordinal);

        // The output interface filters the table: eth1 has only its default route.
        Route viaEth1 = Assert.Single(RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("10.1.2.3"), InterfaceNames = new[] { new NamePattern("eth1") } }).Items);
        Assert.Equal(("0.0.0.0/0", "eth1"), (viaEth1.DestinationPrefix, viaEth1.InterfaceName!));
        Assert.Equal(new[] { "nosuch" }, RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("10.1.2.3"), InterfaceNames = new[] { new NamePattern("nosuch") } }).UnmatchedNames);
    }

    [Fact]
    public void ListingsFilterByInterfaceIndex()
    {
        this.provider.RouteRows[1].InterfaceIndex = 4;
        Route r = Assert.Single(RouteReader.Read(this.provider, new RouteQuery { InterfaceIndexes = new[] { 4 } }).Items);
        Assert.Equal("eth1", r.InterfaceName);
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
    public void NoRouteInTheTableIsAFailureNamingTheAddress()
    {
        this.provider.RouteRows.RemoveAll(r => r.PrefixLength == 0);
        QueryResult<Route> r = RouteReader.Read(this.provider, new RouteQuery { Destination = IPAddress.Parse("192.0.2.1") });
        Assert.Empty(r.Items);
        Assert.Equal("No route to 192.0.2.1: no route in the routing table matches it.", Assert.Single(r.Failures).Message);
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
