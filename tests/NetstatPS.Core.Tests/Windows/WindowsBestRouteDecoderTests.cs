using System;
using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>GetBestRoute2's outputs (a MIB_IPFORWARD_ROW2 and a SOCKADDR_INET) as one Route, and its error codes in words.</summary>
public class WindowsBestRouteDecoderTests
{
    private static readonly Dictionary<int, string> Names = new() { [7] = "Ethernet", [12] = "Wi-Fi" };

    [Fact]
    public void TheChosenRowIsTheRouteAndTheBestSourceItsInterfaceAddress()
    {
        // MIB_IPFORWARD_ROW2: index 8, prefix sockaddr 12 (length at 40), next hop 44, metric 84, protocol 88.
        byte[] row = new byte[104];
        B.U32(row, 8, 7);
        B.U16(row, 12, 2);
        B.IPv4(row, 16, "10.20.0.0");
        row[40] = 16;
        B.U16(row, 44, 2);
        B.IPv4(row, 48, "192.168.1.254");
        B.U32(row, 84, 25);
        B.U32(row, 88, 3);
        byte[] source = new byte[28];
        B.U16(source, 0, 2);
        B.IPv4(source, 4, "192.168.1.23");

        Route r = WindowsBestRouteDecoder.Decode(row, source, Names);
        Assert.Equal(("10.20.0.0/16", "192.168.1.254", "Ethernet", 7, "192.168.1.23", 25L, "NetMgmt", "UG", "IpHlpApi"), (r.DestinationPrefix, r.NextHop, r.InterfaceName!, r.InterfaceIndex!.Value, r.InterfaceAddress!, r.RouteMetric!.Value, r.Protocol!, r.Flags, r.Source));
        Assert.Null(r.Weight);
        Assert.Null(r.Table);

        byte[] row6 = new byte[104];
        B.U32(row6, 8, 12);
        B.U16(row6, 12, 23);
        B.IPv6(row6, 20, "::");
        B.U16(row6, 44, 23);
        B.IPv6(row6, 52, "fe80::1");
        byte[] source6 = new byte[28];
        B.U16(source6, 0, 23);
        B.IPv6(source6, 8, "2001:db8::23");
        Route v6 = WindowsBestRouteDecoder.Decode(row6, source6, Names);
        Assert.Equal(("::/0", "fe80::1", "Wi-Fi", "2001:db8::23", true), (v6.DestinationPrefix, v6.NextHop, v6.InterfaceName!, v6.InterfaceAddress!, v6.IsDefault));
    }

    [Fact]
    public void ShortOrCorruptOutputsAreDecodeErrors()
    {
        Assert.Throws<NetstatDecodeException>(() => WindowsBestRouteDecoder.Decode(new byte[103], new byte[28], Names));
        Assert.Throws<NetstatDecodeException>(() => WindowsBestRouteDecoder.Decode(new byte[104], new byte[27], Names));
        Assert.Throws<NetstatDecodeException>(() => WindowsBestRouteDecoder.Decode(new byte[104], new byte[28], Names)); // family 0
        var random = new Random(104);
        for (int i = 0; i < 5000; i++)
        {
            byte[] row = new byte[104];
            byte[] source = new byte[28];
            random.NextBytes(row);
            random.NextBytes(source);
            row[12] = (byte)(i % 3 == 0 ? 2 : i % 3 == 1 ? 23 : row[12]);
            row[13] = 0;
            try
            {
                WindowsBestRouteDecoder.Decode(row, source, Names);
            }
            catch (NetstatDecodeException)
            {
            }
        }
    }

    [Fact]
    public void ErrorsNameTheAddressAndTheCode()
    {
        Assert.Equal("No route to 192.0.2.1: GetBestRoute2 returned 1168 (ERROR_NOT_FOUND): no route matches it.", WindowsRouteLookupErrors.Message("192.0.2.1", 1168));
        Assert.Equal("No route to 192.0.2.1: GetBestRoute2 returned 2 (ERROR_FILE_NOT_FOUND): the interface given does not exist.", WindowsRouteLookupErrors.Message("192.0.2.1", 2));
        Assert.Equal("50 (ERROR_NOT_SUPPORTED)", WindowsRouteLookupErrors.Name(50));
        Assert.Equal("No route to ::1: GetBestRoute2 returned 4242.", WindowsRouteLookupErrors.Message("::1", 4242));
    }
}
