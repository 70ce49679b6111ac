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
    public void TakesCountSamplesNoEarlierThanTheirTicks()
    {
        // The loop schedules tick k at k intervals after its own start (so slow samples cause no drift);
        // it does not space samples from one another. A first sample that comes late — the thread
        // descheduled on a loaded machine, a GC of a parallel test, JIT of the lambda — is followed by an
        // on-time second one, so at[1] - at[0] has no lower bound (it was asserted >= 80 ms and measured
        // at 44 ms under load). What holds: this clock starts before the loop's, so sample k is read no
        // earlier than k intervals on it, less the under-a-millisecond WaitOne loses by taking whole
        // milliseconds (ticks were measured up to 0.93 ms early).
        var clock = Stopwatch.StartNew();
        long[] at = SampleLoop.Run(() => clock.ElapsedMilliseconds, TimeSpan.FromMilliseconds(100), 3, CancellationToken.None).ToArray();
        Assert.Equal(3, at.Length);
        Assert.True(at[1] >= 99, $"sample 1 at {at[1]} ms, before its tick at 100 ms");
        Assert.True(at[2] >= 199, $"sample 2 at {at[2]} ms, before its tick at 200 ms");

        // A deadline, not a spacing: a loop that waited whole seconds, or an interval after each sample
        // on top of a stalled one, ends far later than 200 ms; 1.8 s of slack absorbs a loaded machine.
        Assert.True(at[2] < 2000, $"sample 2 at {at[2]} ms, long after its tick at 200 ms");
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
