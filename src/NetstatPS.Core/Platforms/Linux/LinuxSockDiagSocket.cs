using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// A NETLINK_SOCK_DIAG socket that runs SOCK_DIAG_BY_FAMILY dumps (inet_diag_req_v2) with the state
/// filter in the kernel, in a loop as strict as ss's: sequence and port id checked, NLMSG_DONE and
/// NLMSG_ERROR handled, MSG_TRUNC detected, NLM_F_DUMP_INTR retried a bounded number of times.
/// </summary>
internal sealed unsafe class LinuxSockDiagSocket : IDisposable
{
    /// <summary>How often an interrupted dump (the table changed under it) is run again before its result is taken as is.</summary>
    internal const int MaxInterruptedAttempts = 3;

    // The kernel builds at most one skb of about 32 KiB per recvmsg for a dump (netlink_recvmsg caps
    // max_recvmsg_len at SKB_WITH_OVERHEAD(32768)); 64 KiB leaves room and MSG_TRUNC catches anything bigger.
    private const int ReceiveBufferSize = 64 * 1024;

    // Socket receive buffer: lets the kernel queue the next skb while we decode the previous one.
    private const int SocketBufferSize = 4 * 1024 * 1024;

    private const byte AfInet = 2;
    private const byte AfInet6 = 10;
    private const ushort NlmFRequest = 0x1;
    private const ushort NlmFDump = 0x300;

    private readonly int fd;
    private readonly uint portId;
    private byte[] buffer = new byte[ReceiveBufferSize];
    private uint sequence;

    private LinuxSockDiagSocket(int fd, uint portId)
    {
        this.fd = fd;
        this.portId = portId;
        this.sequence = (uint)Environment.TickCount;
    }

    /// <summary>Opens and binds the socket; null (with the errno) when netlink is not available here.</summary>
    /// <param name="netlinkProtocol">NETLINK_SOCK_DIAG (another number only in tests).</param>
    /// <param name="errno">Why not.</param>
    /// <returns>The socket or null.</returns>
    public static LinuxSockDiagSocket? TryOpen(int netlinkProtocol, out int errno)
    {
        int fd;
        try
        {
            fd = LibCSockets.Socket(LibCSockets.AF_NETLINK, LibCSockets.SOCK_RAW | LibCSockets.SOCK_CLOEXEC, netlinkProtocol);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            errno = -1;
            return null;
        }

        if (fd < 0)
        {
            errno = Marshal.GetLastWin32Error();
            return null;
        }

        int size = SocketBufferSize;
        if (LibCSockets.SetSockOpt(fd, LibCSockets.SOL_SOCKET, LibCSockets.SO_RCVBUFFORCE, &size, sizeof(int)) != 0)
        {
            // Without CAP_NET_ADMIN the kernel caps this at net.core.rmem_max: still the best we may have.
            LibCSockets.SetSockOpt(fd, LibCSockets.SOL_SOCKET, LibCSockets.SO_RCVBUF, &size, sizeof(int));
        }

        // A dump always ends with NLMSG_DONE; the timeout only guards against a kernel that never answers.
        var timeout = new TimeValue { Seconds = (IntPtr)5 };
        LibCSockets.SetSockOpt(fd, LibCSockets.SOL_SOCKET, LibCSockets.SO_RCVTIMEO, &timeout, sizeof(TimeValue));

        var address = new SockAddrNetlink { Family = LibCSockets.AF_NETLINK };
        int length = sizeof(SockAddrNetlink);
        if (LibCSockets.Bind(fd, &address, length) != 0 || LibCSockets.GetSockName(fd, &address, &length) != 0)
        {
            errno = Marshal.GetLastWin32Error();
            LibCFiles.Close(fd);
            return null;
        }

        errno = 0;
        return new LinuxSockDiagSocket(fd, address.PortId);
    }

    /// <summary>Dumps one protocol and family, appending rows; false (rows appended so far left for the caller to drop) when the dump fails.</summary>
    /// <param name="family">IPv4 or IPv6.</param>
    /// <param name="protocol">Tcp or Udp.</param>
    /// <param name="kernelStates">idiag_states.</param>
    /// <param name="includeTcpInfo">Ask for INET_DIAG_INFO and INET_DIAG_CONG.</param>
    /// <param name="addresses">The call's address cache.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Gets a warning when every attempt was interrupted.</param>
    /// <param name="errno">Why the dump failed.</param>
    /// <returns>Whether the dump completed.</returns>
    public bool TryDump(IPAddressFamily family, TransportProtocol protocol, uint kernelStates, bool includeTcpInfo, LinuxAddressCache addresses, List<Connection> into, WarningCollector warnings, out int errno)
    {
        int start = into.Count;
        for (int attempt = 1; ; attempt++)
        {
            if (!this.DumpOnce(family, protocol, kernelStates, includeTcpInfo, addresses, into, out bool interrupted, out errno))
            {
                return false;
            }

            if (!interrupted)
            {
                return true;
            }

            if (attempt == MaxInterruptedAttempts)
            {
                warnings.Add($"The kernel's {protocol} socket table changed during each of {MaxInterruptedAttempts} reads; the list may be slightly inconsistent.");
                return true;
            }

            into.RemoveRange(start, into.Count - start);
        }
    }

    /// <inheritdoc />
    public void Dispose() => LibCFiles.Close(this.fd);

    private bool DumpOnce(IPAddressFamily family, TransportProtocol protocol, uint kernelStates, bool includeTcpInfo, LinuxAddressCache addresses, List<Connection> into, out bool interrupted, out int errno)
    {
        interrupted = false;
        uint seq = ++this.sequence;
        var request = new SockDiagRequest
        {
            Header = new NetlinkMessageHeader
            {
                Length = (uint)sizeof(SockDiagRequest),
                Type = LinuxSockDiagDecoder.SockDiagByFamily,
                Flags = NlmFRequest | NlmFDump,
                Sequence = seq,
            },
            Request = new InetDiagRequestV2
            {
                Family = family == IPAddressFamily.IPv4 ? AfInet : AfInet6,
                Protocol = (byte)protocol,
                Extensions = includeTcpInfo && protocol == TransportProtocol.Tcp
                    ? (byte)((1 << (LinuxSockDiagDecoder.InetDiagInfo - 1)) | (1 << (LinuxSockDiagDecoder.InetDiagCong - 1)))
                    : (byte)0,
                States = kernelStates,
            },
        };

        var kernel = new SockAddrNetlink { Family = LibCSockets.AF_NETLINK };
        while (LibCSockets.SendTo(this.fd, &request, (UIntPtr)sizeof(SockDiagRequest), 0, &kernel, sizeof(SockAddrNetlink)).ToInt64() < 0)
        {
            errno = Marshal.GetLastWin32Error();
            if (errno != LibCFiles.EINTR)
            {
                return false;
            }
        }

        while (true)
        {
            long received;
            fixed (byte* data = this.buffer)
            {
                received = LibCSockets.ReceiveFrom(this.fd, data, (UIntPtr)this.buffer.Length, LibCSockets.MSG_TRUNC, null, null).ToInt64();
            }

            if (received < 0)
            {
                errno = Marshal.GetLastWin32Error();
                if (errno == LibCFiles.EINTR)
                {
                    continue;
                }

                return false;
            }

            if (received > this.buffer.Length)
            {
                // MSG_TRUNC: the rest of that message is lost. Grow for next time; this dump failed.
                this.buffer = new byte[(int)Math.Min(received * 2, 16 * 1024 * 1024)];
                errno = 90; // EMSGSIZE
                this.Drain();
                return false;
            }

            if (received == 0)
            {
                errno = 0;
                return false;
            }

            LinuxSockDiagChunk chunk;
            try
            {
                chunk = LinuxSockDiagDecoder.Decode(this.buffer.AsSpan(0, (int)received), seq, this.portId, protocol, includeTcpInfo, addresses, into);
            }
            catch (NetstatDecodeException)
            {
                errno = 74; // EBADMSG
                this.Drain();
                return false;
            }

            interrupted |= chunk.Interrupted;
            switch (chunk.Status)
            {
                case LinuxSockDiagStatus.Done:
                    errno = 0;
                    return true;
                case LinuxSockDiagStatus.Error:
                    errno = chunk.Error;
                    return false;
            }
        }
    }

    /// <summary>Reads and drops what is left of a failed dump so the next request starts clean (stale messages are skipped by sequence anyway).</summary>
    private void Drain()
    {
        const int MSG_DONTWAIT = 0x40;
        fixed (byte* data = this.buffer)
        {
            while (LibCSockets.ReceiveFrom(this.fd, data, (UIntPtr)this.buffer.Length, MSG_DONTWAIT, null, null).ToInt64() > 0)
            {
            }
        }
    }
}
