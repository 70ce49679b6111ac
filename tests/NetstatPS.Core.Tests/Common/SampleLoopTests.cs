using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NetstatPS.Sampling;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class SampleLoopTests
{
    [Fact]
    public void TakesCountSamplesSpacedByTheInterval()
    {
        var clock = Stopwatch.StartNew();
        long[] at = SampleLoop.Run(() => clock.ElapsedMilliseconds, TimeSpan.FromMilliseconds(100), 3, CancellationToken.None).ToArray();
        Assert.Equal(3, at.Length);
        Assert.InRange(at[1] - at[0], 80, 1000);
        Assert.InRange(at[2], 180, 2000);
    }

    [Fact]
    public void CancellationStopsDuringTheWait()
    {
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        int taken = 0;
        foreach (int _ in SampleLoop.Run(() => ++taken, TimeSpan.FromSeconds(30), null, cts.Token))
        {
            cts.CancelAfter(50);
        }

        Assert.Equal(1, taken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "Ctrl+C must not wait for the interval to end");
    }

    [Fact]
    public void RejectsANonPositiveInterval() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleLoop.Run(() => 1, TimeSpan.Zero, 1, CancellationToken.None).ToArray());
}
