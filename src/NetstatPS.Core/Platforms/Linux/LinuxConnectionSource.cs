using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Linux's socket table: one NETLINK_SOCK_DIAG dump per protocol and family with the query's states
/// sent to the kernel as idiag_states, and /proc/net/{tcp,tcp6,udp,udp6,raw,raw6} as the silent
/// fallback for any dump netlink cannot do (no netlink in a sandbox, udp_diag or raw_diag not loaded,
/// EPERM …). Both give the same objects, except what /proc does not print: a listener's backlog limit
/// (SendQueue), tcp_info, socket memory (one warning says so when it was asked for), and the interface
/// of sockets bound to a device without a link-local address.
/// Raw sockets are dumped like UDP (inet_diag with protocol IPPROTO_RAW, as ss -w asks); Unix sockets,
/// when named in the query, by <see cref="LinuxUnixSocketReader"/> (unix_diag, else /proc/net/unix).
/// </summary>
internal sealed class LinuxConnectionSource : IConnectionSource
{
    private static readonly TransportProtocol[] ProtocolOrder = { TransportProtocol.Tcp, TransportProtocol.Udp, TransportProtocol.Raw };
    private static readonly IPAddressFamily[] FamilyOrder = { IPAddressFamily.IPv4, IPAddressFamily.IPv6 };

    /// <summary>The one warning of a call whose -IncludeSocketMemory rows (some or all) came from /proc/net.</summary>
    internal const string ProcNetHasNoSocketMemory =
        "Socket memory (-IncludeSocketMemory) comes only from NETLINK_SOCK_DIAG, which could not be used here; the rows read from /proc/net instead carry no SocketMemory.";

    private readonly string procRoot;
    private readonly LinuxConnectionPath path;
    private readonly int netlinkProtocol;

    /// <summary>Reads this machine's tables, netlink first.</summary>
    public LinuxConnectionSource()
        : this("/proc", LinuxConnectionPath.Automatic)
    {
    }

    /// <summary>Reads with a chosen path (tests force one) and proc mount.</summary>
    /// <param name="procRoot">Where proc is mounted.</param>
    /// <param name="path">Automatic, Netlink only or ProcNet only.</param>
    /// <param name="netlinkProtocol">The netlink protocol to open: NETLINK_SOCK_DIAG; tests pass a number
    /// the kernel does not support to see the fallback taken the way it is in a sandbox without sock_diag.</param>
    internal LinuxConnectionSource(string procRoot, LinuxConnectionPath path, int netlinkProtocol = Interop.Linux.LibCSockets.NETLINK_SOCK_DIAG)
    {
        this.procRoot = procRoot;
        this.path = path;
        this.netlinkProtocol = netlinkProtocol;
    }

    /// <inheritdoc />
    public void Read(ConnectionQuery query, List<Connection> into, WarningCollector warnings)
    {
        var addresses = new LinuxAddressCache();
        LinuxLinkLocalScopes? scopes = null;
        LinuxSockDiagSocket? netlink = null;
        bool netlinkUnavailable = this.path == LinuxConnectionPath.ProcNet;
        try
        {
            foreach (TransportProtocol protocol in ProtocolOrder)
            {
                uint states = LinuxSocketStates.KernelMask(protocol, query);
                if (!query.Wants(protocol) || states == 0)
                {
                    continue;
                }

                foreach (IPAddressFamily family in FamilyOrder)
                {
                    if (!query.Wants(family))
                    {
                        continue;
                    }

                    if (!netlinkUnavailable)
                    {
                        int errno = 0;
                        netlink ??= LinuxSockDiagSocket.TryOpen(this.netlinkProtocol, out errno);
                        if (netlink is null)
                        {
                            netlinkUnavailable = true;
                            this.ThrowIfForced(errno, "open a NETLINK_SOCK_DIAG socket");
                        }
                        else
                        {
                            int start = into.Count;
                            if (netlink.TryDump(family, protocol, states, query.IncludeTcpInfo, query.IncludeSocketMemory, addresses, into, warnings, out errno))
                            {
                                if (protocol == TransportProtocol.Raw)
                                {
                                    KeepWantedStates(query, into, start);
                                }

                                continue;
                            }

                            into.RemoveRange(start, into.Count - start);
                            this.ThrowIfForced(errno, $"dump {protocol} {family} sockets over NETLINK_SOCK_DIAG");
                        }
                    }

                    if (family == IPAddressFamily.IPv6)
                    {
                        scopes ??= LinuxProcNetReader.ReadScopes(this.procRoot);
                    }

                    if (query.IncludeSocketMemory)
                    {
                        warnings.Add(ProcNetHasNoSocketMemory);
                    }

                    LinuxProcNetReader.Read(this.procRoot, protocol, family, states, scopes ?? LinuxLinkLocalScopes.Empty, addresses, into);
                }
            }
        }
        finally
        {
            netlink?.Dispose();
        }

        if (query.WantsUnix)
        {
            this.ReadUnix(query, netlinkUnavailable, into, warnings);
        }
    }

    /// <summary>raw_diag dumps every raw socket whatever idiag_states says: the state filter is applied here.</summary>
    private static void KeepWantedStates(ConnectionQuery query, List<Connection> into, int start)
    {
        if (query.States.Count == 0)
        {
            return;
        }

        int kept = start;
        for (int i = start; i < into.Count; i++)
        {
            if (query.Wants(into[i].State))
            {
                into[kept++] = into[i];
            }
        }

        into.RemoveRange(kept, into.Count - kept);
    }

    private void ReadUnix(ConnectionQuery query, bool netlinkUnavailable, List<Connection> into, WarningCollector warnings)
    {
        var all = new List<Connection>();
        bool read = false;
        if (!netlinkUnavailable)
        {
            read = LinuxUnixSocketReader.TryReadNetlink(this.netlinkProtocol, all, warnings, out int errno, query.IncludeSocketMemory);
            if (!read)
            {
                this.ThrowIfForced(errno, "dump Unix sockets over NETLINK_SOCK_DIAG (unix_diag)");
            }
        }

        if (!read)
        {
            if (query.IncludeSocketMemory)
            {
                warnings.Add(ProcNetHasNoSocketMemory);
            }

            LinuxUnixSocketReader.ReadProcNet(this.procRoot, all);
        }

        // Peers first, over every state, so a kept row still knows a peer whose state is filtered out.
        Readers.UnixPeers.Link(all);
        foreach (Connection c in all)
        {
            if (query.Wants(c.State))
            {
                into.Add(c);
            }
        }
    }

    private void ThrowIfForced(int errno, string what)
    {
        if (this.path == LinuxConnectionPath.Netlink)
        {
            throw new IOException($"Could not {what} (errno {errno}).");
        }
    }
}
