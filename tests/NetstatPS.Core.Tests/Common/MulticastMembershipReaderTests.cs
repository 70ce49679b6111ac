using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class MulticastMembershipReaderTests
{
    private static FakeProvider Provider()
    {
        var provider = new FakeProvider();
        provider.InterfaceRows.Add(new InterfaceStatistic { Name = "lo", Index = 1 });
        provider.InterfaceRows.Add(new InterfaceStatistic { Name = "eth0", Index = 2 });
        provider.InterfaceRows.Add(new InterfaceStatistic { Name = "eth1", Index = 3 }); // up, but no groups
        provider.MulticastRows.Add(new MulticastMembership { InterfaceName = "lo", InterfaceIndex = 1, AddressFamily = IPAddressFamily.IPv4, Address = "224.0.0.1", ReferenceCount = 1 });
        provider.MulticastRows.Add(new MulticastMembership { InterfaceName = "eth0", InterfaceIndex = 2, AddressFamily = IPAddressFamily.IPv4, Address = "239.1.2.3", ReferenceCount = 2 });
        provider.MulticastRows.Add(new MulticastMembership { InterfaceName = "eth0", InterfaceIndex = 2, AddressFamily = IPAddressFamily.IPv6, Address = "ff02::1", ReferenceCount = 1 });
        return provider;
    }

    [Fact]
    public void EveryMembershipIsStampedWithOneTimestamp()
    {
        QueryResult<MulticastMembership> all = MulticastMembershipReader.Read(Provider(), new InterfaceQuery());
        Assert.Equal(3, all.Items.Count);
        Assert.Single(all.Items.Select(m => m.Timestamp).Distinct());
        Assert.Empty(all.UnmatchedNames);
    }

    [Fact]
    public void NamesFilterByInterfaceAndOnlyAMissingInterfaceIsNotFound()
    {
        FakeProvider provider = Provider();
        var byName = MulticastMembershipReader.Read(provider, new InterfaceQuery { Names = new[] { new NamePattern("ETH0") } });
        Assert.Equal(new[] { "239.1.2.3", "ff02::1" }, byName.Items.Select(m => m.Address));
        Assert.Empty(byName.UnmatchedNames);
        Assert.Equal(0, provider.InterfaceReads); // every name matched a membership: the interface list was not needed

        // eth1 exists without groups: nothing, no error. eth9 does not exist: not found. A wildcard never is.
        var r = MulticastMembershipReader.Read(provider, new InterfaceQuery { Names = new[] { new NamePattern("eth1"), new NamePattern("eth9"), new NamePattern("wl*") } });
        Assert.Empty(r.Items);
        Assert.Equal(new[] { "eth9" }, r.UnmatchedNames);
        Assert.Equal(1, provider.InterfaceReads);
    }
}
