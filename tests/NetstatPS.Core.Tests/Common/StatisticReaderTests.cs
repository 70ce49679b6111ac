using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class StatisticReaderTests
{
    [Fact]
    public void ACombinedTcpSetAnswersTcpAndTcpv6OnceWithoutDuplicates()
    {
        var provider = new FakeProvider();
        provider.ProtocolRows.AddRange(new ProtocolStatistic[]
        {
            new IPStatistic { Protocol = "IPv4", AddressFamily = IPAddressFamily.IPv4 },
            new IPStatistic { Protocol = "IPv6", AddressFamily = IPAddressFamily.IPv6 },
            new TcpStatistic { Protocol = "TCP", AddressFamily = null, Note = "both" },
            new UdpStatistic { Protocol = "UDPv4", AddressFamily = IPAddressFamily.IPv4 },
            new UdpStatistic { Protocol = "UDPv6", AddressFamily = IPAddressFamily.IPv6 },
        });

        var both = ProtocolStatisticReader.Read(provider, new ProtocolQuery { Protocols = new[] { StatisticProtocol.TCP, StatisticProtocol.TCPv6 } }).Items;
        Assert.Equal(new[] { "TCP" }, both.Select(p => p.Protocol));
        var udp6 = ProtocolStatisticReader.Read(provider, new ProtocolQuery { Protocols = new[] { StatisticProtocol.UDPv6 } }).Items;
        Assert.Equal(new[] { "UDPv6" }, udp6.Select(p => p.Protocol));
        var ip = ProtocolStatisticReader.Read(provider, new ProtocolQuery { Protocols = new[] { StatisticProtocol.IPv4 } }).Items;
        Assert.Equal(new[] { "IPv4" }, ip.Select(p => p.Protocol));
        Assert.Equal(5, ProtocolStatisticReader.Read(provider, new ProtocolQuery()).Items.Count);
    }

    [Fact]
    public void SeparateTcpv4AndTcpv6SetsAreReturnedSeparately()
    {
        var provider = new FakeProvider();
        provider.ProtocolRows.Add(new TcpStatistic { Protocol = "TCPv4", AddressFamily = IPAddressFamily.IPv4 });
        provider.ProtocolRows.Add(new TcpStatistic { Protocol = "TCPv6", AddressFamily = IPAddressFamily.IPv6 });
        Assert.Equal(new[] { "TCPv6" }, ProtocolStatisticReader.Read(provider, new ProtocolQuery { Protocols = new[] { StatisticProtocol.TCPv6 } }).Items.Select(p => p.Protocol));
        Assert.Equal(new[] { "TCPv4" }, ProtocolStatisticReader.Read(provider, new ProtocolQuery { Protocols = new[] { StatisticProtocol.TCP } }).Items.Select(p => p.Protocol));
    }

    [Fact]
    public void InterfaceNamesFilterWithWildcardsAndReportExplicitNamesThatMatchNothing()
    {
        var provider = new FakeProvider();
        provider.InterfaceRows.AddRange(new[] { new InterfaceStatistic { Name = "lo", Index = 1 }, new InterfaceStatistic { Name = "eth0", Index = 2 } });
        var result = InterfaceStatisticReader.Read(provider, new InterfaceQuery { Names = new[] { new NamePattern("eth*"), new NamePattern("eth9"), new NamePattern("wg*") } });
        Assert.Equal(new[] { "eth0" }, result.Items.Select(i => i.Name));
        Assert.Equal(new[] { "eth9" }, result.UnmatchedNames);
        Assert.All(result.Items, i => Assert.NotEqual(default, i.Timestamp));
    }
}
