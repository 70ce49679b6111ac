using System.Collections.Generic;
using System.Net;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>RouteReader's longest-prefix match on the captured tables (the live test checks it against ip route get).</summary>
public class RouteReaderLookupTests
{
    [Theory]
    [InlineData("10.40.7.7", "10.40.0.0/16", "10.9.0.2", "Unicast")] // longer prefix beats the default
    [InlineData("10.9.0.7", "10.9.0.0/24", "0.0.0.0", "Unicast")]
    [InlineData("10.9.0.1", "10.9.0.1/32", "0.0.0.0", "Local")] // the local table decides first
    [InlineData("10.9.0.255", "10.9.0.255/32", "0.0.0.0", "Broadcast")]
    [InlineData("10.20.1.1", "0.0.0.0/0", "10.9.0.254", "Unicast")] // table 100 is not consulted without a rule
    [InlineData("198.51.100.1", "0.0.0.0/0", "10.9.0.254", "Unicast")]
    [InlineData("10.67.0.1", "10.67.0.0/16", "0.0.0.0", "Unreachable")]
    [InlineData("127.3.4.5", "127.0.0.0/8", "0.0.0.0", "Local")]
    [InlineData("2001:db8:20::1", "2001:db8:20::/48", "2001:db8:9::2", "Unicast")]
    [InlineData("2001:db8:9::5", "2001:db8:9::/64", "::", "Unicast")]
    [InlineData("2001:db8:99::1", "::/0", "2001:db8:9::fe", "Unicast")]
    [InlineData("::1", "::1/128", "::", "Local")]
    public void PicksTheRouteTheKernelWould(string address, string prefix, string nextHop, string type)
    {
        List<Route> all = LinuxRouteDecoderTests.Decode(null);
        Route? r = RouteReader.LongestPrefixMatch(all, IPAddress.Parse(address));
        Assert.NotNull(r);
        Assert.Equal((prefix, nextHop, type), (r!.DestinationPrefix, r.NextHop, r.Type));
    }
}
