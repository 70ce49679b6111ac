using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Naming;

namespace NetstatPS;

/// <summary>
/// One TCP or UDP socket, IPv4 or IPv6: what a line of <c>netstat -ano</c> or <c>ss -tuanp</c> says,
/// as one object type for both protocols so that Group-Object and Sort-Object work across them.
/// </summary>
/// <remarks>
/// Addresses are exposed as text so ConvertTo-Json, Export-Csv and remoting give flat values; the
/// parsed <see cref="IPAddress"/> is available from <see cref="GetLocalIPAddress"/> and
/// <see cref="GetRemoteIPAddress"/>. Anything the operating system cannot give is null.
/// Kept small on purpose (one object per socket, 200k sockets on busy servers): owners are shared
/// per process, addresses are shared between rows, names are looked up only when read.
/// </remarks>
public sealed class Connection
{
    private static readonly ProcessOwner[] NoOwners = Array.Empty<ProcessOwner>();

    private IPAddress localAddress = IPAddress.Any;
    private IPAddress remoteAddress = IPAddress.Any;

    // Either null, one ProcessOwner, or a ProcessOwner[] sorted by process id (a socket shared by a
    // forked server): the common single-owner case costs no array.
    private object? owners;

    /// <summary>Tcp or Udp.</summary>
    public TransportProtocol Protocol { get; internal set; }

    /// <summary>IPv4 or IPv6. An IPv6 socket that also accepts IPv4 (dual stack) is IPv6.</summary>
    public IPAddressFamily AddressFamily { get; internal set; }

    /// <summary>Local address as text (IPv6 link-local addresses carry their %scope).</summary>
    public string LocalAddress => this.localAddress.ToString();

    /// <summary>Local port, 0–65535.</summary>
    public int LocalPort { get; internal set; }

    /// <summary>The service name of the local port (/etc/services), as netstat shows without -n; null if none.</summary>
    public string? LocalPortName => ServiceNameTable.Shared.Lookup(this.Protocol, this.LocalPort);

    /// <summary>Remote address as text; the unspecified address (0.0.0.0 or ::) when not connected.</summary>
    public string RemoteAddress => this.remoteAddress.ToString();

    /// <summary>Remote port; 0 when not connected.</summary>
    public int RemotePort { get; internal set; }

    /// <summary>The service name of the remote port; null if none or not connected.</summary>
    public string? RemotePortName => this.RemotePort == 0 ? null : ServiceNameTable.Shared.Lookup(this.Protocol, this.RemotePort);

    /// <summary>The socket state; see <see cref="ConnectionState"/> for how UDP endpoints appear.</summary>
    public ConnectionState State { get; internal set; }

    /// <summary>The owning process (the lowest id when several processes share the socket); null when unknown or not permitted.</summary>
    public int? ProcessId => this.PrimaryOwner?.ProcessId;

    /// <summary>The owning process's name; null when unknown.</summary>
    public string? ProcessName => this.PrimaryOwner?.Name;

    /// <summary>The owning process's executable path (netstat -b); null when unknown or not permitted.</summary>
    public string? ProcessPath => this.PrimaryOwner?.Path;

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

    /// <summary>TCP internals (ss -i): only filled with -IncludeTcpInfo; null otherwise and for UDP.</summary>
    public TcpMetrics? TcpInfo { get; internal set; }

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

    /// <summary>netstat's Proto column: TCP, UDP, and TCP6, UDP6 for IPv6 sockets.</summary>
    public string Proto => (this.Protocol, this.AddressFamily) switch
    {
        (TransportProtocol.Tcp, IPAddressFamily.IPv6) => "TCP6",
        (TransportProtocol.Tcp, _) => "TCP",
        (TransportProtocol.Udp, IPAddressFamily.IPv6) => "UDP6",
        _ => "UDP",
    };

    /// <summary>
    /// netstat's Local Address column: address:port, [IPv6]:port, or host:port when -ResolveHostName
    /// found a name. Plain text, so it renders the same after remoting.
    /// </summary>
    public string LocalEndpoint => EndpointText.Format(this.LocalHostName, this.localAddress, this.LocalPort);

    /// <summary>
    /// netstat's Foreign Address column: as <see cref="LocalEndpoint"/>, and *:* for a UDP socket with
    /// no peer (as netstat and ss show it).
    /// </summary>
    public string RemoteEndpoint =>
        this.Protocol == TransportProtocol.Udp && this.RemotePort == 0 && this.remoteAddress.Equals(this.AddressFamily == IPAddressFamily.IPv6 ? IPAddress.IPv6Any : IPAddress.Any)
            ? "*:*"
            : EndpointText.Format(this.RemoteHostName, this.remoteAddress, this.RemotePort);

    /// <summary>The process id the OS table itself reports (Windows); the owner resolver turns it into <see cref="Owners"/>.</summary>
    internal int? TableProcessId { get; set; }

    private ProcessOwner? PrimaryOwner => this.owners switch
    {
        ProcessOwner single => single,
        ProcessOwner[] many => many[0],
        _ => null,
    };

    /// <summary>The local address as an <see cref="IPAddress"/>.</summary>
    /// <returns>The parsed local address.</returns>
    public IPAddress GetLocalIPAddress() => this.localAddress;

    /// <summary>The remote address as an <see cref="IPAddress"/>.</summary>
    /// <returns>The parsed remote address.</returns>
    public IPAddress GetRemoteIPAddress() => this.remoteAddress;

    /// <inheritdoc />
    public override string ToString() =>
        $"{this.Protocol} {this.LocalAddress}:{this.LocalPort} {this.RemoteAddress}:{this.RemotePort} {this.State}" +
        (this.ProcessId is int pid ? $" {pid}/{this.ProcessName}" : string.Empty);

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
