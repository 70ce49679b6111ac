using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace NetstatPS.Sampling;

/// <summary>
/// Turns two samples of the same counter set into per-interval increases and per-second rates (what
/// nstat and sar -n compute). Counters are the sample's public <c>ulong?</c> properties plus the entries
/// of its raw counter dictionary; gauges and settings are <c>long?</c> and are not differenced.
/// A counter that went backwards (interface re-created, counters reset) gives null, never a negative
/// or a wrapped-around huge number.
/// </summary>
public static class CounterDelta
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> CounterProperties = new();

    /// <summary>Fills <paramref name="current"/>'s Delta, PerSecond and IntervalSeconds from <paramref name="previous"/>.</summary>
    /// <param name="previous">The earlier sample of the same counter set.</param>
    /// <param name="current">The later sample.</param>
    public static void Apply(CounterSample previous, CounterSample current)
    {
        double seconds = (current.MonotonicTicks - previous.MonotonicTicks) / (double)Stopwatch.Frequency;
        if (seconds <= 0)
        {
            return;
        }

        OrderedDictionary before = Flatten(previous);
        OrderedDictionary after = Flatten(current);
        var delta = CounterDictionary.Create();
        var perSecond = CounterDictionary.Create();
        foreach (DictionaryEntry entry in after)
        {
            ulong? increase = null;
            if (entry.Value is ulong now && before[entry.Key] is ulong then && now >= then)
            {
                increase = now - then;
            }

            delta[entry.Key] = increase;
            perSecond[entry.Key] = increase is ulong d ? d / seconds : (double?)null;
        }

        current.IntervalSeconds = seconds;
        current.Delta = delta;
        current.PerSecond = perSecond;
    }

    /// <summary>Applies <see cref="Apply"/> to each sample of <paramref name="current"/> that has a match (same key) in <paramref name="previous"/>.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="previous">The earlier samples.</param>
    /// <param name="current">The later samples.</param>
    public static void ApplyAll<T>(IEnumerable<T> previous, IEnumerable<T> current)
        where T : CounterSample
    {
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (T p in previous)
        {
            byKey[p.SampleKey] = p;
        }

        foreach (T c in current)
        {
            if (byKey.TryGetValue(c.SampleKey, out T? p))
            {
                Apply(p, c);
            }
        }
    }

    /// <summary>Every counter of a sample by name: typed properties first, then the raw dictionary.</summary>
    internal static OrderedDictionary Flatten(CounterSample sample)
    {
        var all = CounterDictionary.Create();
        foreach (PropertyInfo p in CounterProperties.GetOrAdd(sample.GetType(), FindCounterProperties))
        {
            all[p.Name] = p.GetValue(sample);
        }

        IDictionary? raw = sample switch
        {
            ProtocolStatistic ps => ps.Counters,
            InterfaceStatistic i => i.Details,
            _ => null,
        };
        if (raw is not null)
        {
            foreach (DictionaryEntry e in raw)
            {
                if (!all.Contains(e.Key))
                {
                    all[e.Key] = AsCounter(e.Value);
                }
            }
        }

        return all;
    }

    // A raw entry as a counter: unsigned and non-negative integers convert; a negative gauge (-1 = unknown),
    // a text or a fraction is not a counter and gives null (Convert.ToUInt64 would throw on them).
    private static object? AsCounter(object? value) => value switch
    {
        null or ulong => value,
        uint or ushort or byte => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        long or int or short or sbyte when Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) >= 0 => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static PropertyInfo[] FindCounterProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(ulong?) && p.GetIndexParameters().Length == 0)
            .ToArray();
}
