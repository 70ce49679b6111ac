using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace NetstatPS.Sampling;

/// <summary>
/// The -Interval/-Count loop shared by every cmdlet: take a sample, wait until the next tick, repeat;
/// stop after <c>count</c> samples or as soon as the token is cancelled (Ctrl+C), even mid-wait.
/// Ticks are scheduled from the start time so slow samples do not make the interval drift.
/// </summary>
public static class SampleLoop
{
    /// <summary>Runs <paramref name="sample"/> repeatedly.</summary>
    /// <typeparam name="T">What one sample returns.</typeparam>
    /// <param name="sample">Takes one sample.</param>
    /// <param name="interval">Time between samples; must be positive.</param>
    /// <param name="count">Number of samples; null for until cancelled.</param>
    /// <param name="cancellation">Stops the loop.</param>
    /// <returns>The samples, lazily.</returns>
    public static IEnumerable<T> Run<T>(Func<T> sample, TimeSpan interval, int? count, CancellationToken cancellation)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        }

        var clock = Stopwatch.StartNew();
        for (long taken = 0; count is null || taken < count; taken++)
        {
            if (taken > 0)
            {
                TimeSpan wait = TimeSpan.FromTicks(interval.Ticks * taken) - clock.Elapsed;
                if (wait > TimeSpan.Zero && cancellation.WaitHandle.WaitOne(wait))
                {
                    yield break;
                }
            }

            if (cancellation.IsCancellationRequested)
            {
                yield break;
            }

            yield return sample();
        }
    }
}
