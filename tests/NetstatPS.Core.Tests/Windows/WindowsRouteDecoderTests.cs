using System;
using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsRouteDecoderTests
{
    private static readonly Dictionary<int, string> Names = new() { [7] = "Ethernet", [1] = "Loopback Pseudo-Interface 1", [12] = "Wi-Fi" };

    /// <summary>MIB_IPFORWARD_ROW2: luid 0, index 8, prefix sockaddr 12 (+28 length), next hop 44, metric 84, protocol 88, origin 100.</summary>
    private static Action<byte[]> V4(uint index, string dest, byte prefix, string nextHop, uint metric, int protocol) => r =>
    {
        B.U64(r, 0, 0x0006_0000_0100_0000UL + index);
        B.U32(r, 8, index);
        B.U16(r, 12, 2);
        B.IPv4(r, 16, dest);
        r[40] = prefix;
        B.U16(r, 44, 2);
        B.IPv4(r, 48, nextHop);
        B.U32(r, 76, uint.MaxValue);
        B.U32(r, 84, metric);
        B.U32(r, 88, (uint)protocol);
        B.U32(r, 100, 0);
    };

    private static Action<byte[]> V6(uint index, string dest, byte prefix, string nextHop, uint scope, uint metric, int protocol) => r =>
    {
        B.U32(r, 8, index);
        B.U16(r, 12, 23);
        B.IPv6(r, 20, dest);
        r[40] = prefix;
        B.U16(r, 44, 23);
        B.IPv6(r, 52, nextHop);
        B.U32(r, 68, scope);
        B.U32(r, 84, metric);
        B.U32(r, 88, (uint)protocol);
    };

    [Fact]
    public void DecodesIPv4AndIPv6Routes()
    {
        byte[] table = new B(8, 104)
            .Row(V4(7, "0.0.0.0", 0, "192.168.1.1", 0, 3))
            .Row(V4(7, "192.168.1.0", 24, "0.0.0.0", 256, 2))
            .Row(V4(7, "192.168.1.23", 32, "0.0.0.0", 256, 2))
            .Row(V4(1, "224.0.0.0", 4, "0.0.0.0", 256, 2))
            .Row(V4(7, "255.255.255.255", 32, "0.0.0.0", 256, 2))
            .Row(V6(12, "::", 0, "fe80::1", 12, 10, 19))
            .Row(V6(12, "2001:db8:1::", 48, "::", 0, 5, 10002))
            .Row(V6(99, "ff00::", 8, "::", 0, 256, 12345))
            .Build();
        var rows = new List<Route>();
        WindowsRouteDecoder.Decode(table, Names, _ => true, rows);

        Assert.Equal(8, rows.Count);
        Route def = rows[0];
        Assert.Equal(IPAddressFamily.IPv4, def.AddressFamily);
        Assert.Equal("0.0.0.0/0", def.DestinationPrefix);
        Assert.Equal("0.0.0.0", def.Netmask);
        Assert.Equal("192.168.1.1", def.NextHop);
        Assert.False(def.IsOnLink);
        Assert.True(def.IsDefault);
        Assert.Equal("Ethernet", def.InterfaceName);
        Assert.Equal(7, def.InterfaceIndex);
        Assert.Equal(0, def.RouteMetric);
        Assert.Null(def.Metric);  // the source adds the interface metric
        Assert.Equal("NetMgmt", def.Protocol);
        Assert.Equal("UG", def.Flags);
        Assert.Null(def.Table);
        Assert.Null(def.Persistent);
        Assert.Equal("IpHlpApi", def.Source);

        Assert.Equal("192.168.1.0/24", rows[1].DestinationPrefix);
        Assert.Equal("255.255.255.0", rows[1].Netmask);
        Assert.True(rows[1].IsOnLink);
        Assert.Equal("U", rows[1].Flags);
        Assert.Equal("Local", rows[1].Protocol);
        Assert.Equal(256, rows[1].RouteMetric);
        Assert.Equal("UH", rows[2].Flags);
        Assert.Equal("Multicast", rows[3].Type);
        Assert.Equal("Loopback Pseudo-Interface 1", rows[3].InterfaceName);
        Assert.Equal("Broadcast", rows[4].Type);

        Route v6def = rows[5];
        Assert.Equal(IPAddressFamily.IPv6, v6def.AddressFamily);
        Assert.Equal("::/0", v6def.DestinationPrefix);
        Assert.Equal("fe80::1", v6def.NextHop); // no %zone: InterfaceIndex says it
        Assert.Null(v6def.Netmask);
        Assert.Equal("Dhcp", v6def.Protocol);
        Assert.Equal("UG", v6def.Flags);
        Assert.True(v6def.IsDefault);
        Assert.Equal("NTAutostatic", rows[6].Protocol);
        Assert.Equal("2001:db8:1::/48", rows[6].DestinationPrefix);
        Assert.Equal("Multicast", rows[7].Type);
        Assert.Null(rows[7].InterfaceName); // index without a GetIfTable2 row
        Assert.Equal("12345", rows[7].Protocol);
    }

    [Fact]
    public void KeepsOnlyTheWantedFamily()
    {
        byte[] table = new B(8, 104).Row(V4(7, "10.0.0.0", 8, "0.0.0.0", 1, 2)).Row(V6(7, "fd00::", 8, "::", 0, 1, 2)).Build();
        var rows = new List<Route>();
        WindowsRouteDecoder.Decode(table, Names, f => f == IPAddressFamily.IPv6, rows);
        Assert.Equal("fd00::/8", Assert.Single(rows).DestinationPrefix);
    }

    [Fact]
    public void RejectsBadFamiliesAndPrefixLengths()
    {
        byte[] badFamily = new B(8, 104).Row(r => { V4(1, "10.0.0.0", 8, "0.0.0.0", 1, 2)(r); B.U16(r, 12, 17); }).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsRouteDecoder.Decode(badFamily, Names, _ => true, new List<Route>()));
        byte[] badPrefix = new B(8, 104).Row(V4(1, "10.0.0.0", 33, "0.0.0.0", 1, 2)).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsRouteDecoder.Decode(badPrefix, Names, _ => true, new List<Route>()));
        byte[] oneRowShort = new byte[8 + 103];
        oneRowShort[0] = 1; // NumEntries 1, but only 103 bytes of the 104-byte row
        Assert.Throws<NetstatDecodeException>(() => WindowsRouteDecoder.Decode(oneRowShort, Names, _ => true, new List<Route>()));
    }

    [Theory]
    [InlineData("10.1.0.0,255.255.0.0,192.168.1.1,1", "10.1.0.0/16 via 192.168.1.1")]
    [InlineData("0.0.0.0,0.0.0.0,10.0.0.254,25", "0.0.0.0/0 via 10.0.0.254")]
    [InlineData("192.0.2.7,255.255.255.255,0.0.0.0,1", "192.0.2.7/32 via 0.0.0.0")]
    public void ParsesPersistentRouteValueNames(string valueName, string key)
    {
        Assert.True(WindowsPersistentRouteDecoder.TryParse(valueName, out string parsed));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0,255.0.255.0,1.1.1.1,1")]
    [InlineData("fd00::,ffff::,::,1")]
    [InlineData("x,y,z,1")]
    public void IgnoresValueNamesNotInRouteForm(string valueName) =>
        Assert.False(WindowsPersistentRouteDecoder.TryParse(valueName, out _));
}
