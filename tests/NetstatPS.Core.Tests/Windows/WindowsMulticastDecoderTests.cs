using System;
using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsMulticastDecoderTests
{
    /// <summary>MIB_MULTICASTIPADDRESS_ROW (48 bytes): SOCKADDR_INET 0, InterfaceIndex 28, InterfaceLuid 32, ScopeId 40.</summary>
    private static System.Action<byte[]> V4(uint index, string address) => r =>
    {
        B.U16(r, 0, 2);
        B.IPv4(r, 4, address);
        B.U32(r, 28, index);
        B.U64(r, 32, 0x0006000000000000UL | index);
    };

    private static System.Action<byte[]> V6(uint index, string address, uint scope) => r =>
    {
        B.U16(r, 0, 23);
        B.IPv6(r, 8, address);
        B.U32(r, 24, scope);
        B.U32(r, 28, index);
        B.U64(r, 32, 0x0006000000000000UL | index);
        B.U32(r, 40, scope);
    };

    [Fact]
    public void DecodesGroupsWithInterfaceNamesAndNothingWindowsDoesNotKeep()
    {
        byte[] table = new B(8, 48)
            .Row(V4(7, "224.0.0.1"))
            .Row(V6(7, "ff02::1:ff00:1", 7))
            .Row(V4(12, "239.255.255.250"))
            .Row(V6(99, "ff05::c", 0))
            .Build();
        var rows = new List<MulticastMembership>();
        WindowsMulticastDecoder.Decode(table, new Dictionary<int, string> { [7] = "Ethernet", [12] = "Wi-Fi" }, rows);

        Assert.Equal(4, rows.Count);
        Assert.Equal(("Ethernet", 7, IPAddressFamily.IPv4, "224.0.0.1"), (rows[0].InterfaceName, rows[0].InterfaceIndex, rows[0].AddressFamily, rows[0].Address));
        Assert.Equal(("Ethernet", IPAddressFamily.IPv6, "ff02::1:ff00:1"), (rows[1].InterfaceName, rows[1].AddressFamily, rows[1].Address)); // no %zone, as netsh shows it
        Assert.Equal(("Wi-Fi", "239.255.255.250"), (rows[2].InterfaceName, rows[2].Address));
        Assert.Equal(string.Empty, rows[3].InterfaceName); // an index GetIfTable2 did not list
        Assert.All(rows, m =>
        {
            Assert.Null(m.ReferenceCount);
            Assert.Null(m.ReportTimerExpiresIn);
            Assert.Null(m.IsLastReporter);
            Assert.Null(m.IgmpVersion);
            Assert.Equal("IpHlpApi", m.Source);
        });
    }

    [Fact]
    public void ATruncatedTableOrAnUnknownFamilyIsADecodeError()
    {
        byte[] table = new B(8, 48).Row(V4(1, "224.0.0.1")).Row(V4(1, "224.0.0.2")).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsMulticastDecoder.Decode(table.AsSpan(0, table.Length - 1), new Dictionary<int, string>(), new List<MulticastMembership>()));
        Assert.Throws<NetstatDecodeException>(() => WindowsMulticastDecoder.Decode(new B(8, 48).Row(r => B.U16(r, 0, 17)).Build(), new Dictionary<int, string>(), new List<MulticastMembership>()));
        var none = new List<MulticastMembership>();
        WindowsMulticastDecoder.Decode(new B(8, 48).Build(), new Dictionary<int, string>(), none);
        Assert.Empty(none);
    }
}
