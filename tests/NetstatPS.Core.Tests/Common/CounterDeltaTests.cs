using System.Diagnostics;
using NetstatPS.Sampling;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class CounterDeltaTests
{
    [Fact]
    public void GivesIncreasesAndPerSecondRatesForTypedAndRawCounters()
    {
        InterfaceStatistic before = Sample("eth0", 1_000, 10, 0);
        InterfaceStatistic after = Sample("eth0", 5_000, 30, Stopwatch.Frequency * 2);
        before.Details["rx_crc_errors"] = 4UL;
        after.Details["rx_crc_errors"] = 10UL;

        CounterDelta.Apply(before, after);

        Assert.Equal(2.0, after.IntervalSeconds);
        Assert.Equal(4_000UL, after.Delta!["BytesReceived"]);
        Assert.Equal(2_000.0, after.BytesReceivedPerSecond);
        Assert.Equal(10.0, after.PacketsReceivedPerSecond);
        Assert.Equal(6UL, after.Delta["rx_crc_errors"]);
        Assert.Equal(3.0, after.PerSecond!["rx_crc_errors"]);
    }

    [Fact]
    public void KeysAreCaseInsensitiveLikeAPowerShellHashtable()
    {
        InterfaceStatistic before = Sample("eth0", 1, 1, 0);
        InterfaceStatistic after = Sample("eth0", 3, 2, Stopwatch.Frequency);
        after.Details["rx_crc_errors"] = 1UL;
        before.Details["rx_crc_errors"] = 0UL;
        CounterDelta.Apply(before, after);
        Assert.Equal(2UL, after.Delta!["bytesreceived"]);
        Assert.Equal(1.0, after.PerSecond!["RX_CRC_ERRORS"]);
        Assert.Equal(1UL, after.Details["Rx_Crc_Errors"]);
        var tcp = new TcpStatistic();
        tcp.Counters["TcpExtListenOverflows"] = 7UL;
        Assert.Equal(7UL, tcp.Counters["tcpextlistenoverflows"]);
    }

    [Fact]
    public void ACounterThatWentBackwardsGivesNullNotANegativeOrHugeNumber()
    {
        InterfaceStatistic before = Sample("eth0", 9_000, 90, 0);
        InterfaceStatistic after = Sample("eth0", 100, 1, Stopwatch.Frequency);
        CounterDelta.Apply(before, after);
        Assert.Null(after.Delta!["BytesReceived"]);
        Assert.Null(after.BytesReceivedPerSecond);
    }

    [Fact]
    public void CountersNearTwoToTheSixtyFourAreExact()
    {
        InterfaceStatistic before = Sample("eth0", ulong.MaxValue - 10, 0, 0);
        InterfaceStatistic after = Sample("eth0", ulong.MaxValue, 0, Stopwatch.Frequency);
        CounterDelta.Apply(before, after);
        Assert.Equal(10UL, after.Delta!["BytesReceived"]);
    }

    [Fact]
    public void NullCountersStayNullAndGaugesAreNotDifferenced()
    {
        var before = new TcpStatistic { Protocol = "TCP", ActiveOpens = 5, CurrentConnections = 3, MonotonicTicks = 0 };
        var after = new TcpStatistic { Protocol = "TCP", ActiveOpens = 8, CurrentConnections = 1, MonotonicTicks = Stopwatch.Frequency };
        CounterDelta.Apply(before, after);
        Assert.Equal(3UL, after.Delta!["ActiveOpens"]);
        Assert.False(after.Delta.Contains("CurrentConnections"));
        Assert.Null(after.Delta["SegmentsRetransmitted"]);
    }

    [Fact]
    public void ApplyAllPairsSamplesByKeyAndLeavesNewOnesAlone()
    {
        InterfaceStatistic[] first = { Sample("eth0", 1, 1, 0), Sample("lo", 1, 1, 0) };
        InterfaceStatistic[] second = { Sample("eth0", 2, 2, Stopwatch.Frequency), Sample("wg0", 5, 5, Stopwatch.Frequency) };
        CounterDelta.ApplyAll(first, second);
        Assert.Equal(1UL, second[0].Delta!["BytesReceived"]);
        Assert.Null(second[1].Delta);
        Assert.Null(second[1].IntervalSeconds);
    }

    private static InterfaceStatistic Sample(string name, ulong bytes, ulong packets, long ticks) =>
        new() { Name = name, Index = name.Length, BytesReceived = bytes, PacketsReceived = packets, MonotonicTicks = ticks };
}
