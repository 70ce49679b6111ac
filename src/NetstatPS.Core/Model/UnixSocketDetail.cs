using System.Net.Sockets;

namespace NetstatPS;

/// <summary>
/// What only a Unix domain socket has: its type, its name and its peer. Kept out of
/// <see cref="Connection"/> itself so TCP and UDP rows (hundreds of thousands on a busy server) do not
/// carry these fields; only Unix rows reference one.
/// </summary>
internal sealed class UnixSocketDetail
{
    /// <summary>Creates the detail of one socket.</summary>
    /// <param name="type">Stream, Dgram or Seqpacket.</param>
    /// <param name="path">The bound name as ss shows it (a path, or @name for the abstract namespace); null when unnamed.</param>
    /// <param name="peerInode">The peer socket's inode; null when not connected or not known (/proc/net/unix does not say).</param>
    public UnixSocketDetail(SocketType type, string? path, long? peerInode)
    {
        this.Type = type;
        this.Path = path;
        this.PeerInode = peerInode;
    }

    /// <summary>Stream, Dgram or Seqpacket.</summary>
    public SocketType Type { get; }

    /// <summary>The bound name; null when unnamed.</summary>
    public string? Path { get; }

    /// <summary>The peer's inode, when connected and known.</summary>
    public long? PeerInode { get; }

    /// <summary>
    /// The peer's row, linked after the dump when the peer was in it (its name and, once owners are
    /// looked up, its owner). It may be a row the query's filters left out.
    /// </summary>
    public Connection? Peer { get; set; }
}
