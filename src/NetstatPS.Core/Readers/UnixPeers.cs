using System.Collections.Generic;

namespace NetstatPS.Readers;

/// <summary>
/// Links each connected Unix socket to its peer's row (by the peer inode the kernel reports), so a row
/// can show the peer's name and, once owners are looked up, the peer's process — what ss -x cannot.
/// </summary>
internal static class UnixPeers
{
    /// <summary>Links the peers among <paramref name="rows"/> (every Unix socket of one dump).</summary>
    /// <param name="rows">The rows; only Unix rows with a peer inode are touched.</param>
    public static void Link(IReadOnlyList<Connection> rows)
    {
        Dictionary<long, Connection>? byInode = null;
        foreach (Connection c in rows)
        {
            if (c.Unix is not null && c.Inode is long inode)
            {
                byInode ??= new Dictionary<long, Connection>(rows.Count);
                byInode[inode] = c;
            }
        }

        if (byInode is null)
        {
            return;
        }

        foreach (Connection c in rows)
        {
            if (c.Unix is UnixSocketDetail unix && unix.PeerInode is long peer && byInode.TryGetValue(peer, out Connection? found))
            {
                unix.Peer = found;
            }
        }
    }

    /// <summary>
    /// The rows whose owners must be looked up: <paramref name="rows"/>, plus the linked peers the
    /// query's filters left out (a connected datagram socket's receiver when only Established rows
    /// were asked for), so every row's peer owner is known. <paramref name="rows"/> itself when none.
    /// </summary>
    /// <param name="rows">The query's rows.</param>
    /// <returns>The rows to resolve.</returns>
    public static IReadOnlyList<Connection> WithUnlistedPeers(List<Connection> rows)
    {
        HashSet<Connection>? listed = null;
        List<Connection>? all = null;
        foreach (Connection c in rows)
        {
            if (c.Unix?.Peer is not Connection peer)
            {
                continue;
            }

            // Connection keeps object's reference equality, so the set holds row identities.
            listed ??= new HashSet<Connection>(rows);
            if (listed.Add(peer))
            {
                all ??= new List<Connection>(rows);
                all.Add(peer);
            }
        }

        return all ?? (IReadOnlyList<Connection>)rows;
    }
}
