using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>RouteReader, InterfaceStatisticReader and ProtocolStatisticReader on the captured Linux data.</summary>
public class ReadersOnFixtureTests
{
    [Fact]
    public void RouteReaderFiltersByPrefixAndInterfaceAndStampsTheTime()
    {
        var provider = new FixtureProvider();
        QueryResult<Route> r = RouteReader.Read(provider, new RouteQuery { DestinationPrefixes = new[] { new NamePattern("10.4*") }, InterfaceNames = new[] { new NamePattern("VA") } });
        Assert.Equal(new[] { "10.40.0.0/16", "10.41.0.5/32" }, r.Items.Select(x => x.DestinationPrefix).OrderBy(x => x, System.StringComparer.Ordinal));
        Assert.All(r.Items, x => Assert.NotEqual(default, x.Timestamp));
    }

    [Fact]
    public void RouteReaderDestinationLookupUsesTheLocalTableFirst()
    {
        var provider = new FixtureProvider();
        Route local = Assert.Single(RouteReader.Read(provider, new RouteQuery { Destination = IPAddress.Parse("2001:db8:9::1") }).Items);
        Assert.Equal(("Local", "local"), (local.Type, local.TableName!));
        Route onLink = Assert.Single(RouteReader.Read(provider, new RouteQuery { Destination = IPAddress.Parse("2001:db8:9::77") }).Items);
        Assert.Equal(("2001:db8:9::/64", "::"), (onLink.DestinationPrefix, onLink.NextHop));
        Route v4 = Assert.Single(RouteReader.Read(provider, new RouteQuery { Destination = IPAddress.Parse("10.40.1.2") }).Items);
        Assert.Equal(("10.40.0.0/16", "10.9.0.2"), (v4.DestinationPrefix, v4.NextHop));
        Assert.Empty(RouteReader.Read(provider, new RouteQuery { Destination = IPAddress.Parse("10.40.1.2"), AddressFamilies = new[] { IPAddressFamily.IPv6 } }).Items);
    }

    [Fact]
    public void InterfaceReaderFiltersByNameAndReportsExplicitNamesThatMatchNothing()
    {
        QueryResult<InterfaceStatistic> r = InterfaceStatisticReader.Read(new FixtureProvider(), new InterfaceQuery { Names = new[] { new NamePattern("v?"), new NamePattern("eth9"), new NamePattern("x*") } });
        Assert.Equal(new[] { "vb", "va" }, r.Items.Select(x => x.Name));
        Assert.Equal(new[] { 2, 3 }, r.Items.Select(x => x.Index));
        Assert.Equal(new[] { "eth9" }, r.UnmatchedNames);
        Assert.All(r.Items, x => Assert.NotEqual(0, x.MonotonicTicks));
    }

    [Theory]
    [InlineData(new[] { StatisticProtocol.TCP, StatisticProtocol.TCPv6 }, new[] { "TCP" })]
    [InlineData(new[] { StatisticProtocol.TCPv6 }, new[] { "TCP" })]
    [InlineData(new[] { StatisticProtocol.IPv6, StatisticProtocol.ICMP }, new[] { "IPv6", "ICMPv4" })]
    [InlineData(new[] { StatisticProtocol.UDPv6, StatisticProtocol.UDPLitev6 }, new[] { "UDPv6", "UDPLitev6" })]
    [InlineData(new[] { StatisticProtocol.UDP }, new[] { "UDPv4" })]
    public void ProtocolReaderAnswersNetstatNamesWithTheOneTcpObjectOnce(StatisticProtocol[] asked, string[] expected)
    {
        QueryResult<ProtocolStatistic> r = ProtocolStatisticReader.Read(new FixtureProvider(), new ProtocolQuery { Protocols = asked });
        Assert.Equal(expected, r.Items.Select(x => x.Protocol));
    }
}
