using System;
using System.Collections.Specialized;

namespace NetstatPS;

/// <summary>
/// The dictionaries the statistics objects expose (Counters, Details, Delta, PerSecond, ICMP Received
/// and Sent): ordered as the OS lists the counters, and case-insensitive like a PowerShell hashtable, so
/// <c>$s.Counters.tcpextlistenoverflows</c> works as well as the kernel's spelling. (No two Linux or
/// Windows counter names differ only by case.)
/// </summary>
internal static class CounterDictionary
{
    /// <summary>A new empty dictionary.</summary>
    /// <returns>The dictionary.</returns>
    public static OrderedDictionary Create() => new(StringComparer.OrdinalIgnoreCase);
}
