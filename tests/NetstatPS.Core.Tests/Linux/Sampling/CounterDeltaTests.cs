using System.Collections.Generic;
using System.Diagnostics;
using NetstatPS.Decoders.Linux;
using NetstatPS.Sampling;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Sampling;

/// <summary>CounterDelta on decoded Linux counters: near-2^64 values, counters going backwards, raw entries that are not counters.</summary>
public class CounterDeltaTests
{
    private static UdpStatistic Udp(string text, long ticks)
    {
        var rows = new List<ProtocolStatistic>();
        LinuxSnmpDecoder.Decode(System.Text.Encoding.ASCII.GetBytes(text), default, default, null, null, rows);
        var udp = (UdpStatistic)Assert.Single(rows);
        udp.MonotonicTicks = ticks;
        return udp;
    }

    [Fact]
    public void DeltasNearTwoToTheSixtyFourAreExactAndBackwardsCountersAreNull()
    {
        long t0 = Stopwatch.GetTimestamp();
        UdpStatistic before = Udp("Udp: InDatagrams NoPorts OutDatagrams\nUdp: 18446744073709551000 9 5\n", t0);
        UdpStatistic after = Udp("Udp: InDatagrams NoPorts OutDatagrams\nUdp: 18446744073709551615 3 5\n", t0 + (2 * Stopwatch.Frequency));
        CounterDelta.Apply(before, after);
        Assert.Equal(2.0, after.IntervalSeconds!.Value, 9);
        Assert.Equal(615UL, after.Delta!["DatagramsReceived"]);
        Assert.Equal(615UL, after.Delta["UdpInDatagrams"]);
        Assert.Equal(307.5, (double)after.PerSecond!["DatagramsReceived"]!, 9);
        Assert.Null(after.Delta["NoPorts"]); // went backwards: a reset, not 2^64 - 6
        Assert.Null(after.PerSecond["NoPorts"]);
        Assert.Equal(0UL, after.Delta["DatagramsSent"]);
        Assert.Null(after.Delta["ReceiveErrors"]); // not in the file: null, not 0
    }

    [Fact]
    public void RawEntriesThatAreNotCountersGiveNullInsteadOfThrowing()
    {
        long t0 = Stopwatch.GetTimestamp();
        UdpStatistic before = Udp("Udp: InDatagrams\nUdp: 1\n", t0);
        UdpStatistic after = Udp("Udp: InDatagrams\nUdp: 4\n", t0 + Stopwatch.Frequency);
        before.Counters["Gauge"] = -1L;
        after.Counters["Gauge"] = -1L;
        before.Counters["Text"] = "n/a";
        after.Counters["Text"] = "n/a";
        before.Counters["Small"] = 7u;
        after.Counters["Small"] = 9u;
        CounterDelta.Apply(before, after);
        Assert.Null(after.Delta!["Gauge"]);
        Assert.Null(after.Delta["Text"]);
        Assert.Equal(2UL, after.Delta["Small"]);
        Assert.Equal(3UL, after.Delta["UdpInDatagrams"]);
    }
}
