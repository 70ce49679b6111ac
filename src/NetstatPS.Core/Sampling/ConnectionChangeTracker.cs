using System;
using System.Collections.Generic;
using System.Net;

namespace NetstatPS.Sampling;

/// <summary>
/// Compares two socket samples. A socket is identified by protocol, both endpoints and, where the OS
/// gives one, its inode — so a listener closed and re-opened on the same port between samples shows
/// as Removed + Added, not as nothing.
/// </summary>
public static class ConnectionChangeTracker
{
    /// <summary>The changes from <paramref name="previous"/> to <paramref name="current"/>: Removed first, then StateChanged and Added in current order.</summary>
    /// <param name="previous">The earlier sample.</param>
    /// <param name="current">The later sample.</param>
    /// <param name="timestamp">When the later sample was taken.</param>
    /// <returns>The changes.</returns>
    public static IReadOnlyList<ConnectionChange> Compare(IReadOnlyList<Connection> previous, IReadOnlyList<Connection> current, DateTime timestamp)
    {
        var before = new Dictionary<Key, Connection>(previous.Count);
        foreach (Connection c in previous)
        {
            before[new Key(c)] = c;
        }

        var changes = new List<ConnectionChange>();
        var seen = new HashSet<Key>();
        var appeared = new List<ConnectionChange>();
        foreach (Connection c in current)
        {
            var key = new Key(c);
            seen.Add(key);
            if (!before.TryGetValue(key, out Connection? old))
            {
                appeared.Add(new ConnectionChange(timestamp, ConnectionChangeType.Added, c, null));
            }
            else if (old.State != c.State)
            {
                appeared.Add(new ConnectionChange(timestamp, ConnectionChangeType.StateChanged, c, old.State));
            }
        }

        foreach (Connection c in previous)
        {
            if (!seen.Contains(new Key(c)))
            {
                changes.Add(new ConnectionChange(timestamp, ConnectionChangeType.Removed, c, c.State));
            }
        }

        changes.AddRange(appeared);
        return changes;
    }

    private readonly struct Key : IEquatable<Key>
    {
        private readonly TransportProtocol protocol;
        private readonly IPAddress local;
        private readonly int localPort;
        private readonly IPAddress remote;
        private readonly int remotePort;
        private readonly long inode;

        public Key(Connection c)
        {
            // Unix rows have no addresses or ports (stored as the unspecified address and 0): their inode tells them apart.
            this.protocol = c.Protocol;
            this.local = c.LocalIPAddress;
            this.localPort = c.LocalPortNumber;
            this.remote = c.RemoteIPAddress;
            this.remotePort = c.RemotePortNumber;

            // TIME_WAIT and request sockets have inode 0 while their full socket had one: ignore 0.
            this.inode = c.Inode ?? 0;
        }

        public bool Equals(Key other) =>
            this.protocol == other.protocol && this.localPort == other.localPort && this.remotePort == other.remotePort &&
            this.local.Equals(other.local) && this.remote.Equals(other.remote) &&
            (this.inode == 0 || other.inode == 0 || this.inode == other.inode);

        public override bool Equals(object? obj) => obj is Key k && this.Equals(k);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = (int)this.protocol;
                h = (h * 397) ^ this.localPort;
                h = (h * 397) ^ this.remotePort;
                h = (h * 397) ^ this.local.GetHashCode();
                return (h * 397) ^ this.remote.GetHashCode();
            }
        }
    }
}
