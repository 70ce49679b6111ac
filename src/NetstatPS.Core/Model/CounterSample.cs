using System;
using System.Collections.Specialized;

namespace NetstatPS;

/// <summary>
/// What every statistics object shares: when it was read and, in interval mode, the increase of every
/// counter since the previous sample and its per-second rate (what nstat and sar -n give).
/// </summary>
public abstract class CounterSample
{
    /// <summary>When the counters were read (local time).</summary>
    public DateTime Timestamp { get; internal set; }

    /// <summary>Seconds since the previous sample; null for the first sample or without -Interval.</summary>
    public double? IntervalSeconds { get; internal set; }

    /// <summary>
    /// Increase of each counter since the previous sample, keyed like the counters; a counter that went
    /// backwards (reset, interface re-created) maps to null. Null for the first sample.
    /// </summary>
    public OrderedDictionary? Delta { get; internal set; }

    /// <summary>The per-second rate of each counter over the last interval (double; null where the delta is null).</summary>
    public OrderedDictionary? PerSecond { get; internal set; }

    /// <summary>Where the numbers came from (NetlinkRoute, ProcNet, Sysfs, IpHlpApi …).</summary>
    public string Source { get; internal set; } = string.Empty;

    /// <summary>Stopwatch ticks when the counters were read: intervals use this, never the wall clock (which can jump).</summary>
    internal long MonotonicTicks { get; set; }

    /// <summary>A key that identifies the same counter set in the next sample (interface name, protocol name).</summary>
    internal abstract string SampleKey { get; }
}
