using System;
using System.Collections.Generic;
using System.Linq;

namespace NetstatPS.Decoders.Windows;

/// <summary>The service table turned around: process id → the services it hosts, sorted by name (what netstat -b and TCPView show per svchost).</summary>
internal static class WindowsServicesByProcess
{
    /// <summary>Groups running services by their process; services without a process (stopped, or pid 0) are left out.</summary>
    /// <param name="services">The snapshot.</param>
    /// <returns>For each hosting process, its services' names and display names in the same order.</returns>
    public static Dictionary<int, (string[] Names, string[] DisplayNames)> Map(IEnumerable<WindowsServiceEntry> services)
    {
        var map = new Dictionary<int, (string[] Names, string[] DisplayNames)>();
        foreach (IGrouping<int, WindowsServiceEntry> hosted in services.Where(s => s.ProcessId > 0).GroupBy(s => s.ProcessId))
        {
            WindowsServiceEntry[] sorted = hosted.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToArray();
            map[hosted.Key] = (sorted.Select(s => s.Name).ToArray(), sorted.Select(s => s.DisplayName ?? s.Name).ToArray());
        }

        return map;
    }
}
