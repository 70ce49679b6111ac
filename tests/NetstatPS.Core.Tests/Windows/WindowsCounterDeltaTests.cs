using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using NetstatPS.Decoders.Windows;
using NetstatPS.Sampling;
using Xunit;
using B = NetstatPS.Core.Tests.Windows.WindowsTableBuilder;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>Interval mode on Windows samples: every raw counter is a ulong that CounterDelta can difference.</summary>
public class WindowsCounterDeltaTests
{
    [Fact]
    public void ProtocolAndInterfaceSamplesDifference()
    {
        byte[] tcp1 = new byte[72];
        byte[] tcp2 = new byte[72];
        B.U32(tcp1, 12, uint.MaxValue);
        B.U32(tcp2, 12, uint.MaxValue);
        B.U32(tcp1, 16, 10);
        B.U32(tcp2, 16, 25);
        B.U64(tcp1, 40, 1000);
        B.U64(tcp2, 40, 1600);
        TcpStatistic a = WindowsProtocolStatisticDecoder.DecodeTcp2(tcp1, IPAddressFamily.IPv4);
        TcpStatistic b = WindowsProtocolStatisticDecoder.DecodeTcp2(tcp2, IPAddressFamily.IPv4);
        Stamp(a, b);
        CounterDelta.Apply(a, b);
        Assert.Equal(15UL, b.Delta!["ActiveOpens"]);
        Assert.Equal(600UL, b.Delta["InSegs"]);
        Assert.Equal(0UL, b.Delta["MaxConn"]);
        Assert.Equal(300.0, (double)b.PerSecond!["InSegs"]!, 3);

        byte[] icmp = new byte[2064];
        IcmpStatistic i1 = WindowsProtocolStatisticDecoder.DecodeIcmp(icmp, IPAddressFamily.IPv6);
        B.U32(icmp, 8 + (4 * 128), 4);
        IcmpStatistic i2 = WindowsProtocolStatisticDecoder.DecodeIcmp(icmp, IPAddressFamily.IPv6);
        Stamp(i1, i2);
        CounterDelta.Apply(i1, i2);
        Assert.Equal(4UL, i2.Delta!["InEchoRequest"]);

        var rows = new List<InterfaceStatistic>();
        for (ulong seed = 100; seed <= 400; seed += 300)
        {
            ulong s = seed;
            WindowsInterfaceDecoder.Decode(new B(8, 1352).Row(r => { B.U32(r, 8, 3); B.WString(r, 28, "eth"); B.U64(r, 1208, s); B.U64(r, 1256, s * 2); B.U64(r, 1192, ulong.MaxValue); }).Build(), rows);
        }

        Stamp(rows[0], rows[1]);
        CounterDelta.Apply(rows[0], rows[1]);
        Assert.Equal(300UL, rows[1].Delta!["BytesReceived"]);
        Assert.Equal(600UL, rows[1].Delta!["InUcastOctets"]);
        foreach (DictionaryEntry e in rows[1].Details)
        {
            Assert.True(e.Value is null or ulong, $"{e.Key} is {e.Value?.GetType().Name}");
        }
    }

    private static void Stamp(CounterSample first, CounterSample second)
    {
        first.MonotonicTicks = 0;
        second.MonotonicTicks = Stopwatch.Frequency * 2;
    }
}
