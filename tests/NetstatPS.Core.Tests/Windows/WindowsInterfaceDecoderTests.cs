using System.Collections.Generic;
using System.Net.NetworkInformation;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

public class WindowsInterfaceDecoderTests
{
    private static void Counters(byte[] r, ulong seed)
    {
        // InOctets 1208 … OutQLen 1344: 18 consecutive ULONG64 counters, distinct values.
        for (int i = 0; i < 18; i++)
        {
            B.U64(r, 1208 + (8 * i), seed + (ulong)i);
        }
    }

    [Fact]
    public void DecodesRowsAndSkipsFilterInterfaces()
    {
        byte[] table = new B(8, 1352)
            .Row(r =>
            {
                B.U64(r, 0, 0x0006_0000_0000_0001UL);
                B.U32(r, 8, 7);
                B.WString(r, 28, "Ethernet");
                B.WString(r, 542, "Intel(R) Ethernet Connection I219-V");
                B.U32(r, 1056, 6);
                new byte[] { 0x00, 0x15, 0x5D, 0x01, 0x02, 0x03 }.CopyTo(r, 1060);
                B.U32(r, 1124, 1500);
                B.U32(r, 1128, 6);
                r[1152] = 0x01 | 0x04; // HardwareInterface, ConnectorPresent
                B.U32(r, 1156, 1);
                B.U32(r, 1160, 1);
                B.U32(r, 1164, 1);
                B.U64(r, 1192, 1_000_000_000);
                B.U64(r, 1200, 2_500_000_000);
                Counters(r, 100);
            })
            .Row(r =>
            {
                B.U32(r, 8, 8);
                B.WString(r, 28, "Ethernet-WFP Native MAC Layer LightWeight Filter-0000");
                r[1152] = 0x02; // FilterInterface
                Counters(r, 100);
            })
            .Row(r =>
            {
                B.U32(r, 8, 1);
                B.WString(r, 28, "Loopback Pseudo-Interface 1");
                B.U32(r, 1124, uint.MaxValue);
                B.U32(r, 1128, 24);
                B.U32(r, 1156, 2);
                B.U32(r, 1160, 2);
                B.U64(r, 1192, ulong.MaxValue);
                B.U64(r, 1200, ulong.MaxValue);
                Counters(r, 5000);
            })
            .Build();
        var rows = new List<InterfaceStatistic>();
        WindowsInterfaceDecoder.Decode(table, rows);

        Assert.Equal(2, rows.Count);
        InterfaceStatistic e = rows[0];
        Assert.Equal("Ethernet", e.Name);
        Assert.Equal(7, e.Index);
        Assert.Equal("Intel(R) Ethernet Connection I219-V", e.Description);
        Assert.Equal("Ethernet", e.Type);
        Assert.Equal(OperationalStatus.Up, e.Status);
        Assert.True(e.AdminUp);
        Assert.Equal(1500, e.Mtu);
        Assert.Equal("00-15-5D-01-02-03", e.MacAddress);
        Assert.Equal(2_500_000_000, e.Speed);
        Assert.Equal(100UL, e.BytesReceived);           // InOctets
        Assert.Equal(101UL, e.UnicastPacketsReceived);  // InUcastPkts
        Assert.Equal(102UL, e.NonUnicastPacketsReceived);
        Assert.Equal(203UL, e.PacketsReceived);
        Assert.Equal(103UL, e.DiscardsReceived);
        Assert.Equal(104UL, e.ErrorsReceived);
        Assert.Equal(105UL, e.UnknownProtocolsReceived);
        Assert.Equal(109UL, e.BytesSent);               // OutOctets
        Assert.Equal(110UL, e.UnicastPacketsSent);
        Assert.Equal(111UL, e.NonUnicastPacketsSent);
        Assert.Equal(221UL, e.PacketsSent);
        Assert.Equal(112UL, e.DiscardsSent);
        Assert.Equal(113UL, e.ErrorsSent);
        Assert.Equal(106UL, e.Details["InUcastOctets"]);
        Assert.Equal(117UL, e.Details["OutQLen"]);
        Assert.Null(e.Collisions);
        Assert.Null(e.MulticastPacketsReceived);
        Assert.Equal("IpHlpApi", e.Source);

        InterfaceStatistic lo = rows[1];
        Assert.Equal("Loopback", lo.Type);
        Assert.Null(lo.MacAddress);
        Assert.Null(lo.Speed);
        Assert.Null(lo.Mtu);
        Assert.Null(lo.Description);
        Assert.Equal(OperationalStatus.Down, lo.Status);
        Assert.False(lo.AdminUp);
        Assert.Equal(5000UL, lo.BytesReceived);
    }

    [Fact]
    public void RejectsAnOversizedPhysicalAddressLength()
    {
        byte[] table = new B(8, 1352).Row(r => { B.U32(r, 1056, 33); }).Build();
        Assert.Throws<NetstatDecodeException>(() => WindowsInterfaceDecoder.Decode(table, new List<InterfaceStatistic>()));
    }
}
