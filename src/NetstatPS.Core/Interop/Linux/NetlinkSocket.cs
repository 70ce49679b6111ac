using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Interop.Linux;

/// <summary>
/// A netlink socket (AF_NETLINK, SOCK_RAW) shared by every Linux reader: sock_diag for sockets and
/// rtnetlink for routes and links. It sends requests and receives whole datagrams — the size is learned
/// with MSG_PEEK|MSG_TRUNC and the buffer grown, so a reply is never cut — and skips anything not sent by
/// the kernel (sender port 0). <see cref="Dump"/> adds the strict iproute2 loop for callers that want the
/// whole reply (sequence and port id checked, NLMSG_DONE, NLMSG_ERROR, NLM_F_DUMP_INTR retried a bounded
/// number of times); the sock_diag reader streams datagrams through its decoder instead.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    /// <summary>NETLINK_ROUTE (rtnetlink: routes, links, addresses).</summary>
    public const int NetlinkRoute = 0;

    /// <summary>NLM_F_REQUEST.</summary>
    public const ushort FlagRequest = 0x1;

    /// <summary>NLM_F_DUMP (NLM_F_ROOT | NLM_F_MATCH).</summary>
    public const ushort FlagDump = 0x300;

    private const int MSG_PEEK = 0x2;
    private const int MaxDumpAttempts = 4;

    // Lets the kernel queue the next datagram of a big dump while the previous one is decoded.
    private const int SocketBufferSize = 4 * 1024 * 1024;

    private static int sequenceSeed = Environment.TickCount;

    private readonly int fd;

    // The kernel sends a dump in datagrams of about 32 KiB (netlink_recvmsg caps max_recvmsg_len at
    // SKB_WITH_OVERHEAD(32768)); 64 KiB leaves room, and a larger datagram grows the buffer.
    private byte[] receiveBuffer = new byte[64 * 1024];
    private bool disposed;

    private NetlinkSocket(int fd, uint portId)
    {
        this.fd = fd;
        this.PortId = portId;
    }

    /// <summary>The port id the kernel assigned to this socket (nl_pid after bind).</summary>
    public uint PortId { get; }

    /// <summary>Opens and binds a netlink socket of <paramref name="protocol"/>.</summary>
    /// <param name="protocol">NETLINK_ROUTE, NETLINK_SOCK_DIAG …</param>
    /// <param name="errno">Why it failed (EACCES, EAFNOSUPPORT, EPROTONOSUPPORT …; -1 when libc is missing); 0 on success.</param>
    /// <returns>The socket, or null when the kernel refused one (a sandbox that forbids netlink).</returns>
    public static NetlinkSocket? TryOpen(int protocol, out int errno)
    {
        int fd;
        try
        {
            fd = LibCSockets.Socket(LibCSockets.AF_NETLINK, LibCSockets.SOCK_RAW | LibCSockets.SOCK_CLOEXEC, protocol);
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
            _ = LibCSockets.SetSockOpt(fd, LibCSockets.SOL_SOCKET, LibCSockets.SO_RCVBUF, &size, sizeof(int));
        }

        // A dump always ends with NLMSG_DONE; the timeout only guards against a kernel that never answers.
        var timeout = new TimeValue { Seconds = (IntPtr)5 };
        _ = LibCSockets.SetSockOpt(fd, LibCSockets.SOL_SOCKET, LibCSockets.SO_RCVTIMEO, &timeout, sizeof(TimeValue));

        var address = new SockAddrNetlink { Family = LibCSockets.AF_NETLINK };
        int length = sizeof(SockAddrNetlink);
        if (LibCSockets.Bind(fd, &address, length) != 0 || LibCSockets.GetSockName(fd, &address, &length) != 0)
        {
            errno = Marshal.GetLastWin32Error();
            _ = LibCFiles.Close(fd);
            return null;
        }

        errno = 0;
        return new NetlinkSocket(fd, address.PortId);
    }

    /// <summary>
    /// Builds a dump request: an nlmsghdr of <paramref name="type"/> with NLM_F_REQUEST|NLM_F_DUMP followed
    /// by <paramref name="familyHeader"/> (struct rtmsg, struct ifinfomsg …). The sequence is filled by <see cref="Dump"/>.
    /// </summary>
    /// <param name="type">RTM_GETROUTE, RTM_GETLINK …</param>
    /// <param name="familyHeader">The request's family header.</param>
    /// <returns>The request bytes.</returns>
    public static byte[] BuildDumpRequest(ushort type, ReadOnlySpan<byte> familyHeader)
    {
        int length = NetlinkMessageEnumerator.HeaderLength + familyHeader.Length;
        byte[] request = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), FlagRequest | FlagDump);
        familyHeader.CopyTo(request.AsSpan(NetlinkMessageEnumerator.HeaderLength));
        return request;
    }

    /// <summary>A fresh sequence number for a request.</summary>
    /// <returns>The number.</returns>
    public static uint NextSequence() => unchecked((uint)Interlocked.Increment(ref sequenceSeed));

    /// <summary>Sends one request to the kernel.</summary>
    /// <param name="request">The request.</param>
    /// <param name="length">Its length in bytes.</param>
    /// <param name="errno">Why it failed; 0 on success.</param>
    /// <returns>Whether it was sent.</returns>
    public bool Send(void* request, int length, out int errno)
    {
        var kernel = new SockAddrNetlink { Family = LibCSockets.AF_NETLINK };
        while (LibCSockets.SendTo(this.fd, request, (UIntPtr)length, 0, &kernel, sizeof(SockAddrNetlink)).ToInt64() < 0)
        {
            errno = Marshal.GetLastWin32Error();
            if (errno != LibCFiles.EINTR)
            {
                return false;
            }
        }

        errno = 0;
        return true;
    }

    /// <summary>Receives the next whole datagram from the kernel; the span is valid until the next call.</summary>
    /// <param name="datagram">The datagram's bytes.</param>
    /// <param name="errno">Why it failed (EAGAIN on the 5 s timeout); 0 on success.</param>
    /// <returns>Whether a datagram was received.</returns>
    public bool TryReceive(out ReadOnlySpan<byte> datagram, out int errno)
    {
        while (true)
        {
            var from = default(SockAddrNetlink);
            int fromLength = sizeof(SockAddrNetlink);
            long size;
            fixed (byte* buf = this.receiveBuffer)
            {
                size = LibCSockets.ReceiveFrom(this.fd, buf, (UIntPtr)this.receiveBuffer.Length, MSG_PEEK | LibCSockets.MSG_TRUNC, &from, &fromLength).ToInt64();
            }

            if (size > this.receiveBuffer.Length)
            {
                this.receiveBuffer = new byte[(int)size];
            }

            if (size >= 0)
            {
                fixed (byte* buf = this.receiveBuffer)
                {
                    size = LibCSockets.ReceiveFrom(this.fd, buf, (UIntPtr)this.receiveBuffer.Length, 0, &from, &fromLength).ToInt64();
                }
            }

            if (size < 0)
            {
                errno = Marshal.GetLastWin32Error();
                if (errno == LibCFiles.EINTR)
                {
                    continue;
                }

                datagram = default;
                return false;
            }

            if (from.PortId != 0)
            {
                continue; // not from the kernel
            }

            errno = 0;
            datagram = new ReadOnlySpan<byte>(this.receiveBuffer, 0, (int)size);
            return true;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns every message of the reply (the kernel's own bytes,
    /// up to and including NLMSG_DONE), retrying when the kernel marks the dump interrupted.
    /// </summary>
    /// <param name="request">A request from <see cref="BuildDumpRequest"/>.</param>
    /// <param name="interrupted">True when the last attempt was still marked NLM_F_DUMP_INTR (the result may be inconsistent).</param>
    /// <param name="errno">The error when the kernel answered NLMSG_ERROR or the socket failed; 0 on success.</param>
    /// <returns>The reply messages, or null on error.</returns>
    public byte[]? Dump(byte[] request, out bool interrupted, out int errno)
    {
        interrupted = false;
        errno = 0;
        byte[]? reply = null;
        for (int attempt = 0; attempt < MaxDumpAttempts; attempt++)
        {
            uint seq = NextSequence();
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), seq);
            reply = this.DumpOnce(request, seq, out interrupted, out errno);
            if (reply is null || !interrupted)
            {
                return reply;
            }
        }

        errno = 0;
        return reply;
    }

    /// <summary>
    /// Sends a single request (a lookup, not a dump) and waits for its one answer: the kernel's message of
    /// the request's sequence number, or its NLMSG_ERROR. Answers to earlier requests still queued are skipped.
    /// </summary>
    /// <param name="request">The request; its nlmsg_seq is filled here.</param>
    /// <param name="type">The answer's nlmsg_type; 0 for an error.</param>
    /// <param name="payload">The answer's payload; null for an error.</param>
    /// <param name="errno">The kernel's errno when it answered NLMSG_ERROR (ENETUNREACH …), else the socket's; 0 with an answer.</param>
    /// <returns>True when the kernel answered (a message or an error); false when the socket failed.</returns>
    public bool Ask(byte[] request, out ushort type, out byte[]? payload, out int errno)
    {
        bool answered = this.Exchange(request, acknowledgementEnds: false, out NetlinkAnswerCollector? collector, out errno);
        type = collector?.Type ?? 0;
        payload = collector?.Payload;
        if (answered)
        {
            errno = collector!.Error;
        }

        return answered;
    }

    /// <summary>
    /// Sends a command that asks for an acknowledgement (NLM_F_ACK set in its header, as SOCK_DESTROY's
    /// is) and waits for the kernel's NLMSG_ERROR answering it.
    /// </summary>
    /// <param name="request">The request; its nlmsg_seq is filled here.</param>
    /// <param name="kernelError">The kernel's positive errno; 0 when it acknowledged.</param>
    /// <param name="errno">The socket's errno when sending or receiving failed; 0 otherwise.</param>
    /// <returns>True when the kernel answered; false when the socket failed.</returns>
    public bool Command(byte[] request, out int kernelError, out int errno)
    {
        bool answered = this.Exchange(request, acknowledgementEnds: true, out NetlinkAnswerCollector? collector, out errno);
        kernelError = answered ? collector!.Error : 0;
        return answered;
    }

    // One request and the wait for its answer: Ask's and Command's shared send and receive loop.
    private bool Exchange(byte[] request, bool acknowledgementEnds, out NetlinkAnswerCollector? collector, out int errno)
    {
        collector = null;
        uint seq = NextSequence();
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), seq);
        fixed (byte* req = request)
        {
            if (!this.Send(req, request.Length, out errno))
            {
                return false;
            }
        }

        var waiting = new NetlinkAnswerCollector(seq, this.PortId, acknowledgementEnds);
        while (true)
        {
            if (!this.TryReceive(out ReadOnlySpan<byte> datagram, out errno))
            {
                return false;
            }

            if (!waiting.Accept(datagram))
            {
                collector = waiting;
                return true;
            }
        }
    }

    /// <summary>Reads and drops what is left of a failed dump so the next request starts clean (stale messages are skipped by sequence anyway).</summary>
    public void Drain()
    {
        const int MSG_DONTWAIT = 0x40;
        fixed (byte* data = this.receiveBuffer)
        {
            while (LibCSockets.ReceiveFrom(this.fd, data, (UIntPtr)this.receiveBuffer.Length, MSG_DONTWAIT, null, null).ToInt64() > 0)
            {
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!this.disposed)
        {
            this.disposed = true;
            _ = LibCFiles.Close(this.fd);
        }
    }

    private byte[]? DumpOnce(byte[] request, uint seq, out bool interrupted, out int errno)
    {
        interrupted = false;
        fixed (byte* req = request)
        {
            if (!this.Send(req, request.Length, out errno))
            {
                return null;
            }
        }

        var collector = new NetlinkDumpCollector(seq, this.PortId);
        while (true)
        {
            if (!this.TryReceive(out ReadOnlySpan<byte> datagram, out errno))
            {
                return null;
            }

            if (!collector.Accept(datagram))
            {
                interrupted = collector.Interrupted;
                errno = collector.Error;
                return collector.IsDone ? collector.ToArray() : null;
            }
        }
    }
}
