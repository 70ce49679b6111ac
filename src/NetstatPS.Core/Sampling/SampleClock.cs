using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace NetstatPS.Sampling;

/// <summary>
/// Stamps the counter samples of one read with the same two clocks: wall time for people
/// (Timestamp) and the monotonic Stopwatch for interval arithmetic, which must not jump with NTP.
/// </summary>
internal readonly struct SampleClock
{
    private readonly DateTime now;
    private readonly long ticks;

    private SampleClock(DateTime now, long ticks)
    {
        this.now = now;
        this.ticks = ticks;
    }

    /// <summary>Reads both clocks; call it just before reading the counters.</summary>
    /// <returns>The clock reading.</returns>
    public static SampleClock Read() => new(DateTime.Now, Stopwatch.GetTimestamp());

    /// <summary>Stamps every sample with this reading.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="samples">The samples of one read.</param>
    public void Stamp<T>(IEnumerable<T> samples)
        where T : CounterSample
    {
        foreach (T sample in samples)
        {
            sample.Timestamp = this.now;
            sample.MonotonicTicks = this.ticks;
        }
    }
}
