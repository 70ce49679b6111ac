using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace NetstatPS.Naming;

/// <summary>
/// Reverse name lookups for -ResolveHostName (netstat -f): each distinct address once, all in
/// parallel, cached for the process lifetime, and bounded by one overall timeout so a dead resolver
/// never hangs the prompt. Addresses still unresolved at the deadline stay without a name.
/// </summary>
internal static class HostNameResolver
{
    private static readonly ConcurrentDictionary<IPAddress, Task<string?>> Cache = new();

    /// <summary>Fills LocalHostName and RemoteHostName of <paramref name="connections"/>.</summary>
    /// <param name="connections">The rows.</param>
    /// <param name="timeout">The most time to spend in all.</param>
    /// <param name="cancellation">Stops waiting early (Ctrl+C).</param>
    public static void Resolve(IReadOnlyList<Connection> connections, TimeSpan timeout, CancellationToken cancellation)
    {
        var pending = new Dictionary<IPAddress, Task<string?>>();
        foreach (Connection c in connections)
        {
            // Unix sockets have no addresses to look up.
            if (c.Protocol != TransportProtocol.Unix)
            {
                Add(pending, c.LocalIPAddress);
                Add(pending, c.RemoteIPAddress);
            }
        }

        if (pending.Count == 0)
        {
            return;
        }

        var all = new Task[pending.Count];
        int i = 0;
        foreach (Task<string?> t in pending.Values)
        {
            all[i++] = t;
        }

        try
        {
            Task.WaitAll(all, (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds), cancellation);
        }
        catch (OperationCanceledException)
        {
        }
        catch (AggregateException)
        {
            // A failed lookup just leaves that address without a name.
        }

        foreach (Connection c in connections)
        {
            if (c.Protocol != TransportProtocol.Unix)
            {
                c.LocalHostName = NameOf(pending, c.LocalIPAddress);
                c.RemoteHostName = NameOf(pending, c.RemoteIPAddress);
            }
        }
    }

    private static void Add(Dictionary<IPAddress, Task<string?>> pending, IPAddress address)
    {
        if (IsUnspecified(address) || pending.ContainsKey(address))
        {
            return;
        }

        pending[address] = Cache.GetOrAdd(address, Lookup);
    }

    private static async Task<string?> Lookup(IPAddress address)
    {
        try
        {
            IPHostEntry entry = await Dns.GetHostEntryAsync(address).ConfigureAwait(false);
            return string.IsNullOrEmpty(entry.HostName) ? null : entry.HostName;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? NameOf(Dictionary<IPAddress, Task<string?>> pending, IPAddress address) =>
        pending.TryGetValue(address, out Task<string?>? task) && task.Status == TaskStatus.RanToCompletion ? task.Result : null;

    private static bool IsUnspecified(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
