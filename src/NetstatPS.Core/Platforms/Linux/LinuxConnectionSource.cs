using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Filtering.Linux;
using NetstatPS.Interop.Linux;

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

    /// <summary>The one verbose message of a call whose kernel refused the endpoint filter.</summary>
    internal const string KernelFilterRefused =
        "The kernel refused the socket filter (INET_DIAG_REQ_BYTECODE, EINVAL): reading every socket and filtering the ports and addresses here instead; the rows are the same.";

    /// <summary>The one verbose message of a call with more port and address values than one kernel filter holds.</summary>
    internal const string KernelFilterTooLong =
        "The port and address filters are too many for one kernel socket filter (64 KiB): reading every socket and filtering them here instead; the rows are the same.";

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
    internal LinuxConnectionSource(string procRoot, LinuxConnectionPath path, int netlinkProtocol = LibCSockets.NETLINK_SOCK_DIAG)
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
        bool kernelFilterOff = false;
        bool bothFamiliesRefused = false;
        try
        {
            foreach (TransportProtocol protocol in ProtocolOrder)
            {
                uint states = LinuxSocketStates.KernelMask(protocol, query);
                if (!query.Wants(protocol) || states == 0)
                {
                    continue;
                }

                if (protocol == TransportProtocol.Tcp && query.Wants(IPAddressFamily.IPv4) && query.Wants(IPAddressFamily.IPv6) && !netlinkUnavailable && !bothFamiliesRefused)
                {
                    int errno = 0;
                    netlink ??= LinuxSockDiagSocket.TryOpen(this.netlinkProtocol, out errno);
                    if (netlink is not null && this.TryDumpTcpBothFamilies(netlink, states, query, addresses, into, warnings, ref kernelFilterOff))
                    {
                        continue;
                    }

                    // Not answered (no netlink, or a kernel without the older request): the per-family dumps below decide.
                    bothFamiliesRefused = true;
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
                            InetDiagBytecode? filter = protocol == TransportProtocol.Raw ? null : this.KernelFilter(query, family, ref kernelFilterOff, warnings);
                            if (filter is { IsEmptyMatch: true })
                            {
                                continue; // the kernel would send nothing: no dump at all
                            }

                            int start = into.Count;
                            if (this.TryDump(netlink, family, protocol, states, query, filter?.Program, addresses, into, warnings, ref kernelFilterOff, out errno))
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

    /// <summary>
    /// A program the kernel filters with, used instead of the compiled one (tests send one the kernel
    /// refuses, to see the fallback taken).
    /// </summary>
    internal byte[]? BytecodeOverride { get; set; }

    /// <summary>
    /// The dump, with the endpoint filters in the kernel when there are any. A kernel that refuses the
    /// program (EINVAL: too old, or a policy) gets one verbose message, and this and every later dump
    /// of the call run unfiltered; ConnectionReader's C# filter gives the same rows either way.
    /// </summary>
    private bool TryDump(LinuxSockDiagSocket netlink, IPAddressFamily family, TransportProtocol protocol, uint states, ConnectionQuery query, byte[]? bytecode, LinuxAddressCache addresses, List<Connection> into, WarningCollector warnings, ref bool kernelFilterOff, out int errno)
    {
        int start = into.Count;
        if (netlink.TryDump(family, protocol, states, query.IncludeTcpInfo, query.IncludeSocketMemory, bytecode, addresses, into, warnings, out errno))
        {
            return true;
        }

        if (bytecode is null || errno != LibCFiles.EINVAL)
        {
            return false;
        }

        into.RemoveRange(start, into.Count - start);
        kernelFilterOff = true;
        warnings.AddVerbose(KernelFilterRefused);
        return netlink.TryDump(family, protocol, states, query.IncludeTcpInfo, query.IncludeSocketMemory, null, addresses, into, warnings, out errno);
    }

    /// <summary>
    /// TCP of both families in one kernel walk (TCPDIAG_GETSOCK): each socket of the hash tables is
    /// visited once instead of once per family, which halves the kernel's share of a filtered dump. The
    /// rows are put back in the order two per-family dumps give (IPv4, then IPv6, each in the kernel's
    /// order). False, with nothing added, when the kernel did not answer it; the caller then dumps per
    /// family, where a refused filter program is handled.
    /// </summary>
    private bool TryDumpTcpBothFamilies(LinuxSockDiagSocket netlink, uint states, ConnectionQuery query, LinuxAddressCache addresses, List<Connection> into, WarningCollector warnings, ref bool kernelFilterOff)
    {
        InetDiagBytecode? filter = this.KernelFilter(query, null, ref kernelFilterOff, warnings);
        int start = into.Count;
        if (!netlink.TryDumpTcpBothFamilies(states, query.IncludeTcpInfo, query.IncludeSocketMemory, filter?.Program, addresses, into, warnings, out _))
        {
            into.RemoveRange(start, into.Count - start);
            return false;
        }

        // A stable partition: IPv4 rows first, then IPv6, each in the order the kernel sent them.
        var v6 = new List<Connection>();
        int kept = start;
        for (int i = start; i < into.Count; i++)
        {
            if (into[i].AddressFamily == IPAddressFamily.IPv6)
            {
                v6.Add(into[i]);
            }
            else
            {
                into[kept++] = into[i];
            }
        }

        into.RemoveRange(kept, into.Count - kept);
        into.AddRange(v6);
        return true;
    }

    private InetDiagBytecode? KernelFilter(ConnectionQuery query, IPAddressFamily? family, ref bool kernelFilterOff, WarningCollector warnings)
    {
        if (kernelFilterOff)
        {
            return null;
        }

        InetDiagBytecode? filter = InetDiagBytecodeCompiler.Compile(query, family);
        if (filter is null)
        {
            return null;
        }

        if (filter.IsTooLong)
        {
            kernelFilterOff = true;
            warnings.AddVerbose(KernelFilterTooLong);
            return null;
        }

        return this.BytecodeOverride is byte[] forced && !filter.IsEmptyMatch ? InetDiagBytecode.Of(forced) : filter;
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
