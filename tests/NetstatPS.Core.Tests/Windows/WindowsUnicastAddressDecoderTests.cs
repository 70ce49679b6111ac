using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsUnicastAddressDecoderTests
{
    /// <summary>MIB_UNICASTIPADDRESS_ROW: sockaddr 0, index 40, OnLinkPrefixLength 60, SkipAsSource 61.</summary>
    private static System.Action<byte[]> V4(uint index, string address, byte prefix, bool skip = false) => r =>
    {
        B.U16(r, 0, 2);
        B.IPv4(r, 4, address);
        B.U32(r, 40, index);
        r[60] = prefix;
        r[61] = skip ? (byte)1 : (byte)0;
    };

    private static System.Action<byte[]> V6(uint index, string address, byte prefix) => r =>
    {
        B.U16(r, 0, 23);
        B.IPv6(r, 8, address);
        B.U32(r, 24, 5);
        B.U32(r, 40, index);
        r[60] = prefix;
    };

    private static Route R(IPAddressFamily family, int index, string destination, int prefix, string nextHop) => new()
    {
        AddressFamily = family,
        InterfaceIndex = index,
        Destination = destination,
        PrefixLength = prefix,
        NextHop = nextHop,
        IsOnLink = nextHop is "0.0.0.0" or "::",
    };

    [Fact]
    public void DecodesAddressesAndPicksTheOneOnTheRoutesLink()
    {
        byte[] table = new B(8, 80)
            .Row(V4(7, "169.254.10.10", 16, skip: true))
            .Row(V4(7, "192.168.1.23", 24))
            .Row(V4(7, "10.9.0.5", 16))
            .Row(V4(9, "172.16.5.5", 12))
            .Row(V6(7, "fe80::1234", 64))
            .Row(V6(7, "2001:db8:7::23", 64))
            .Build();
        List<WindowsUnicastAddress> addresses = WindowsUnicastAddressDecoder.Decode(table);

        Assert.Equal(6, addresses.Count);
        Assert.Equal("169.254.10.10", addresses[0].Address.ToString());
        Assert.True(addresses[0].SkipAsSource);
        Assert.Equal(24, addresses[1].PrefixLength);
        Assert.Equal(7, addresses[1].InterfaceIndex);
        Assert.Equal("fe80::1234", addresses[4].Address.ToString()); // route columns carry no zone

        Assert.Equal("10.9.0.5", WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv4, 7, "0.0.0.0", 0, "10.9.255.254")));
        Assert.Equal("192.168.1.23", WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv4, 7, "192.168.1.0", 24, "0.0.0.0")));
        Assert.Equal("192.168.1.23", WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv4, 7, "8.8.0.0", 16, "203.0.113.1"))); // first usable
        Assert.Equal("172.16.5.5", WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv4, 9, "0.0.0.0", 0, "172.31.0.1")));
        Assert.Equal("2001:db8:7::23", WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv6, 7, "2001:db8:7::", 64, "::")));
        Assert.Equal("fe80::1234", WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv6, 7, "::", 0, "fe80::1")));
        Assert.Null(WindowsUnicastAddressDecoder.AddressFor(addresses, R(IPAddressFamily.IPv6, 9, "::", 0, "fe80::1")));
    }

    [Fact]
    public void RejectsUnknownFamilies()
    {
        byte[] table = new B(8, 80).Row(r => B.U16(r, 0, 99)).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsUnicastAddressDecoder.Decode(table));
    }
}
