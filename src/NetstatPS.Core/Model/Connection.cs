using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using NetstatPS.Naming;

namespace NetstatPS;

/// <summary>
/// One socket: TCP or UDP (IPv4 or IPv6), and on Linux also raw IP and Unix domain sockets — what a
/// line of <c>netstat -ano</c>, <c>ss -tuanp</c>, <c>ss -w</c> or <c>ss -x</c> says, as one object
/// type for every protocol so that Group-Object and Sort-Object work across them.
/// </summary>
/// <remarks>
/// Addresses are exposed as text so ConvertTo-Json, Export-Csv and remoting give flat values; the
/// parsed <see cref="IPAddress"/> is available from <see cref="GetLocalIPAddress"/> and
/// <see cref="GetRemoteIPAddress"/>. Anything the operating system cannot give is null.
/// A Unix socket has no address family, addresses or ports (all null); its name, type and peer are in
/// <see cref="Path"/>, <see cref="SocketType"/> and <see cref="PeerInode"/>. A raw socket's local port
/// is its IP protocol number (1 for ICMP), as netstat -w and ss -w show it.
/// Kept small on purpose (one object per socket, 200k sockets on busy servers): owners are shared
/// per process, addresses are shared between rows, names are looked up only when read, and what only
/// Unix sockets have lives in a side object only Unix rows reference.
/// </remarks>
public sealed class Connection
{
    private static readonly ProcessOwner[] NoOwners = Array.Empty<ProcessOwner>();

    private IPAddress localAddress = IPAddress.Any;
    private IPAddress remoteAddress = IPAddress.Any;

    // Either null, one ProcessOwner, or a ProcessOwner[] sorted by process id (a socket shared by a
    // forked server): the common single-owner case costs no array.
    private object? owners;

    // TcpInfo (TCP rows only) or the UnixSocketDetail (Unix rows only): no row has both, so they share
    // one field and TCP rows do not grow for Unix sockets.
    private object? extension;

    // Stored without Nullable<> (4 bytes each instead of 8); the public properties give null for Unix rows.
    private IPAddressFamily family;
    private int localPort;
    private int remotePort;

    // 0 means "none": the kernel's socket cookies start at 1 (sock_gen_cookie), so no Nullable<> is paid per row.
    private ulong socketCookie;

    /// <summary>Tcp, Udp, Raw or Unix.</summary>
    public TransportProtocol Protocol { get; internal set; }

    /// <summary>IPv4 or IPv6. An IPv6 socket that also accepts IPv4 (dual stack) is IPv6. Null for Unix sockets.</summary>
    public IPAddressFamily? AddressFamily
    {
        get => this.IsUnix ? null : this.family;
        internal set => this.family = value.GetValueOrDefault();
    }

    /// <summary>Local address as text (IPv6 link-local addresses carry their %scope); null for Unix sockets.</summary>
    public string? LocalAddress => this.IsUnix ? null : this.localAddress.ToString();

    /// <summary>Local port, 0–65535; for a raw socket its IP protocol number; null for Unix sockets.</summary>
    public int? LocalPort
    {
        get => this.IsUnix ? null : this.localPort;
        internal set => this.localPort = value.GetValueOrDefault();
    }

    /// <summary>The service name of the local port (/etc/services), as netstat shows without -n; null if none, and for raw and Unix sockets.</summary>
    public string? LocalPortName => ServiceNameTable.Shared.Lookup(this.Protocol, this.localPort);

    /// <summary>Remote address as text; the unspecified address (0.0.0.0 or ::) when not connected; null for Unix sockets.</summary>
    public string? RemoteAddress => this.IsUnix ? null : this.remoteAddress.ToString();

    /// <summary>Remote port; 0 when not connected (and always for raw sockets); null for Unix sockets.</summary>
    public int? RemotePort
    {
        get => this.IsUnix ? null : this.remotePort;
        internal set => this.remotePort = value.GetValueOrDefault();
    }

    /// <summary>The service name of the remote port; null if none or not connected.</summary>
    public string? RemotePortName => this.remotePort == 0 ? null : ServiceNameTable.Shared.Lookup(this.Protocol, this.remotePort);

    /// <summary>
    /// The socket type: Stream for TCP, Dgram for UDP, Raw for raw sockets; for Unix sockets Stream,
    /// Dgram or Seqpacket (ss's u_str, u_dgr, u_seq).
    /// </summary>
    public SocketType SocketType => this.Protocol switch
    {
        TransportProtocol.Tcp => SocketType.Stream,
        TransportProtocol.Udp => SocketType.Dgram,
        TransportProtocol.Raw => SocketType.Raw,
        _ => this.Unix?.Type ?? SocketType.Unknown,
    };

    /// <summary>
    /// A Unix socket's name as ss shows it: a file system path, or @name for the abstract namespace
    /// (every NUL byte of an abstract name shown as @). Null for unnamed Unix sockets (socketpair,
    /// unbound clients) and for every other protocol.
    /// </summary>
    public string? Path => this.Unix?.Path;

    /// <summary>The inode of a connected Unix socket's peer (ss's peer "port"); null when not connected, not known (the /proc/net/unix fallback has no peers), and for other protocols.</summary>
    public long? PeerInode => this.Unix?.PeerInode;

    /// <summary>The process holding a Unix socket's peer (the lowest id when several do); null when unknown or not looked up.</summary>
    public int? PeerProcessId => this.Unix?.Peer?.ProcessId;

    /// <summary>The name of the process holding a Unix socket's peer; null when unknown or not looked up.</summary>
    public string? PeerProcessName => this.Unix?.Peer?.ProcessName;

    /// <summary>The socket state; see <see cref="ConnectionState"/> for how UDP endpoints appear.</summary>
    public ConnectionState State { get; internal set; }

    /// <summary>The owning process (the lowest id when several processes share the socket); null when unknown or not permitted.</summary>
    public int? ProcessId => this.PrimaryOwner?.ProcessId;

    /// <summary>The owning process's name; null when unknown.</summary>
    public string? ProcessName => this.PrimaryOwner?.Name;

    /// <summary>The owning process's executable path (netstat -b); null when unknown or not permitted.</summary>
    public string? ProcessPath => this.PrimaryOwner?.Path;

    /// <summary>
    /// The service that runs the owning process: its systemd unit on Linux (nginx.service), the
    /// services it hosts on Windows (CryptSvc; several joined with ", " for a shared svchost). Null when
    /// the owner is unknown or not run by a service. Also available as Unit.
    /// </summary>
    public string? Service => this.PrimaryOwner?.Service;

    /// <summary>The id of the container the owning process runs in (Linux: from its cgroup; 64 hex digits); null when none or unknown.</summary>
    public string? ContainerId => this.PrimaryOwner?.ContainerId;

    /// <summary>The owning process's command line: only read with -IncludeCommandLine; null otherwise and when it cannot be read.</summary>
    public string? CommandLine => this.PrimaryOwner?.CommandLine;

    /// <summary>Every process holding the socket (forked servers share listeners), lowest id first.</summary>
    public IReadOnlyList<ProcessOwner> Owners => this.owners switch
    {
        ProcessOwner single => new[] { single },
        ProcessOwner[] many => many,
        _ => NoOwners,
    };

    /// <summary>Number of processes holding the socket; 0 when owners were not looked up or are not visible.</summary>
    public int OwnerCount => this.owners switch
    {
        ProcessOwner => 1,
        ProcessOwner[] many => many.Length,
        _ => 0,
    };

    /// <summary>The socket's owner user id (Linux, like ss -e); null where the OS does not give it.</summary>
    public int? UserId { get; internal set; }

    /// <summary>
    /// The socket's user: the name of <see cref="UserId"/> (Linux); on Windows, where sockets have no
    /// user of their own, the owning process's user (DOMAIN\user). Null when unknown.
    /// </summary>
    public string? UserName => this.UserId is int uid ? UserNameTable.Shared.Lookup(uid) : this.PrimaryOwner?.UserName;

    /// <summary>The socket's inode (Linux); null elsewhere.</summary>
    public long? Inode { get; internal set; }

    /// <summary>
    /// The kernel's socket cookie (Linux sock_diag's idiag_cookie, 64 bits): unique per socket for the
    /// life of the system, so Close-NetConnectionEx closes exactly this socket and never a newer one that
    /// reuses its ports. Null where the OS gives none (the /proc/net fallback, Windows).
    /// </summary>
    public ulong? SocketCookie
    {
        get => this.socketCookie == 0 ? null : this.socketCookie;
        internal set => this.socketCookie = value.GetValueOrDefault();
    }

    /// <summary>The interface the socket is bound to (SO_BINDTODEVICE) or the scope of its link-local address; null when none.</summary>
    public int? InterfaceIndex { get; internal set; }

    /// <summary>Bytes waiting to be read (Recv-Q); for a listener, the accept backlog in use. Null where the OS does not give it.</summary>
    public long? ReceiveQueue { get; internal set; }

    /// <summary>Bytes not yet acknowledged by the peer (Send-Q); for a listener, the backlog limit. Null where the OS does not give it.</summary>
    public long? SendQueue { get; internal set; }

    /// <summary>The pending TCP timer as ss -o names it (on, keepalive, timewait, persist, probe); null when none is running or unknown.</summary>
    public string? Timer { get; internal set; }

    /// <summary>Time left until <see cref="Timer"/> fires; null when no timer runs.</summary>
    public TimeSpan? TimerExpiresIn { get; internal set; }

    /// <summary>Retransmissions (or keepalive probes) counted by the running timer; null when unknown.</summary>
    public int? TimerRetransmits { get; internal set; }

    /// <summary>When the socket was created (Windows); null where the OS does not record it.</summary>
    public DateTime? CreationTime { get; internal set; }

    /// <summary>TCP chimney offload state (Windows: InHost, Offloading, Offloaded, Uploading); null elsewhere.</summary>
    public string? OffloadState { get; internal set; }

    /// <summary>TCP internals (ss -i): only filled with -IncludeTcpInfo; null otherwise and for other protocols.</summary>
    public TcpMetrics? TcpInfo
    {
        get => this.extension as TcpMetrics;
        internal set
        {
            if (value is not null || this.extension is TcpMetrics)
            {
                this.extension = value;
            }
        }
    }

    /// <summary>Socket memory (ss -m): only filled with -IncludeSocketMemory, from sock_diag on Linux; null otherwise, for mini sockets (TIME_WAIT, SYN_RECV) and where the OS does not give it.</summary>
    public SocketMemory? SocketMemory { get; internal set; }

    /// <summary>The local address's host name; only filled with -ResolveHostName.</summary>
    public string? LocalHostName { get; internal set; }

    /// <summary>The remote address's host name; only filled with -ResolveHostName.</summary>
    public string? RemoteHostName { get; internal set; }

    /// <summary>Where the row came from: NetlinkSockDiag, ProcNet or IpHlpApi.</summary>
    public string Source { get; internal set; } = string.Empty;

    /// <summary>When the sample this row belongs to was read: every row of one call (one -Interval sample) has the same value.</summary>
    public DateTime Timestamp { get; internal set; }

    /// <summary>
    /// netstat's Proto column: TCP, UDP, RAW, and TCP6, UDP6, RAW6 for IPv6 sockets; for Unix sockets
    /// ss's Netid: u_str (stream), u_dgr (datagram), u_seq (seqpacket).
    /// </summary>
    public string Proto => (this.Protocol, this.family) switch
    {
        (TransportProtocol.Tcp, IPAddressFamily.IPv6) => "TCP6",
        (TransportProtocol.Tcp, _) => "TCP",
        (TransportProtocol.Udp, IPAddressFamily.IPv6) => "UDP6",
        (TransportProtocol.Udp, _) => "UDP",
        (TransportProtocol.Raw, IPAddressFamily.IPv6) => "RAW6",
        (TransportProtocol.Raw, _) => "RAW",
        _ => EndpointText.UnixNetid(this.SocketType),
    };

    /// <summary>
    /// netstat's Local Address column: address:port, [IPv6]:port, or host:port when -ResolveHostName
    /// found a name; for a raw socket address:protocol-number. A Unix socket shows its name as ss does:
    /// the path, @name for the abstract namespace, or * when unnamed (its inode is in
    /// <see cref="Inode"/>, so a long path keeps the room of the column). Plain text, so it renders the
    /// same after remoting. Display text: a path or host name in it is escaped by <see cref="DisplayText"/>
    /// (the exact values are in <see cref="Path"/> and <see cref="LocalHostName"/>), so the views show it
    /// as it is, at the cost of a plain property.
    /// </summary>
    public string LocalEndpoint => this.IsUnix
        ? DisplayText.Escape(this.Path) ?? "*"
        : EndpointText.Format(this.LocalHostName, this.localAddress, this.localPort);

    /// <summary>
    /// netstat's Foreign Address column: as <see cref="LocalEndpoint"/>, and *:* for a UDP or raw socket
    /// with no peer (as netstat and ss show it; a connected raw socket shows address:*). A connected
    /// Unix socket shows its peer as ss's Peer Address:Port columns do, name and inode: the peer's name
    /// where it has one (a client's peer is the server's accepted socket, named like the listener), else
    /// *, then a space and the peer's inode; * alone when it has no peer or the peer is unknown.
    /// Display text, escaped as <see cref="LocalEndpoint"/> is.
    /// </summary>
    public string RemoteEndpoint
    {
        get
        {
            if (this.IsUnix)
            {
                UnixSocketDetail? unix = this.Unix;
                return unix?.PeerInode is long peer ? EndpointText.Unix(unix.Peer?.Path, peer) : "*";
            }

            bool datagram = this.Protocol == TransportProtocol.Udp || this.Protocol == TransportProtocol.Raw;
            if (datagram && this.remotePort == 0 && this.remoteAddress.Equals(this.family == IPAddressFamily.IPv6 ? IPAddress.IPv6Any : IPAddress.Any))
            {
                return "*:*";
            }

            return this.Protocol == TransportProtocol.Raw
                ? EndpointText.Format(this.RemoteHostName, this.remoteAddress, "*")
                : EndpointText.Format(this.RemoteHostName, this.remoteAddress, this.remotePort);
        }
    }

    /// <summary>The process id the OS table itself reports (Windows); the owner resolver turns it into <see cref="Owners"/>.</summary>
    internal int? TableProcessId { get; set; }

    /// <summary>The Unix-only part of a Unix row; null for every other protocol.</summary>
    internal UnixSocketDetail? Unix
    {
        get => this.extension as UnixSocketDetail;
        set => this.extension = value;
    }

    /// <summary>The local port as stored (0 for Unix rows), for filters that must not pay for Nullable.</summary>
    internal int LocalPortNumber => this.localPort;

    /// <summary>The remote port as stored (0 for Unix rows).</summary>
    internal int RemotePortNumber => this.remotePort;

    /// <summary>The local address as stored (the unspecified IPv4 address for Unix rows).</summary>
    internal IPAddress LocalIPAddress => this.localAddress;

    /// <summary>The remote address as stored (the unspecified IPv4 address for Unix rows).</summary>
    internal IPAddress RemoteIPAddress => this.remoteAddress;

    /// <summary>The first owner (lowest process id), without the array <see cref="Owners"/> makes.</summary>
    internal ProcessOwner? FirstOwner => this.PrimaryOwner;

    private bool IsUnix => this.Protocol == TransportProtocol.Unix;

    private ProcessOwner? PrimaryOwner => this.owners switch
    {
        ProcessOwner single => single,
        ProcessOwner[] many => many[0],
        _ => null,
    };

    /// <summary>The local address as an <see cref="IPAddress"/>.</summary>
    /// <returns>The parsed local address; null for a Unix socket.</returns>
    public IPAddress? GetLocalIPAddress() => this.IsUnix ? null : this.localAddress;

    /// <summary>The remote address as an <see cref="IPAddress"/>.</summary>
    /// <returns>The parsed remote address; null for a Unix socket.</returns>
    public IPAddress? GetRemoteIPAddress() => this.IsUnix ? null : this.remoteAddress;

    /// <summary>A one-line description for display (a nested Connection in a list view shows it): names and paths escaped by <see cref="DisplayText"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        (this.IsUnix
            ? $"{this.Protocol} {this.LocalEndpoint} {this.RemoteEndpoint} {this.State}"
            : $"{this.Protocol} {this.LocalAddress}:{this.localPort} {this.RemoteAddress}:{this.remotePort} {this.State}") +
        (this.ProcessId is int pid ? $" {pid}/{DisplayText.Escape(this.ProcessName)}" : string.Empty);

    internal void SetLocalIPAddress(IPAddress address) => this.localAddress = address;

    internal void SetRemoteIPAddress(IPAddress address) => this.remoteAddress = address;

    /// <summary>Sets the owners; <paramref name="sortedOwners"/> must be sorted by process id.</summary>
    internal void SetOwners(ProcessOwner[] sortedOwners) =>
        this.owners = sortedOwners.Length switch
        {
            0 => null,
            1 => sortedOwners[0],
            _ => sortedOwners,
        };

    internal void SetOwner(ProcessOwner owner) => this.owners = owner;

    /// <summary>Adds one more owner keeping ids sorted and unique (a socket seen in several fd tables).</summary>
    internal void AddOwner(ProcessOwner owner)
    {
        switch (this.owners)
        {
            case null:
                this.owners = owner;
                break;
            case ProcessOwner single:
                if (single.ProcessId != owner.ProcessId)
                {
                    this.owners = single.ProcessId < owner.ProcessId ? new[] { single, owner } : new[] { owner, single };
                }

                break;
            case ProcessOwner[] many:
                int at = Array.BinarySearch(many, owner, ProcessOwner.ByProcessId);
                if (at < 0)
                {
                    at = ~at;
                    var grown = new ProcessOwner[many.Length + 1];
                    Array.Copy(many, grown, at);
                    grown[at] = owner;
                    Array.Copy(many, at, grown, at + 1, many.Length - at);
                    this.owners = grown;
                }

                break;
        }
    }
}
