using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Interop.Linux;

/// <summary>
/// A netlink socket (AF_NETLINK, SOCK_RAW) that sends one dump request and collects the reply with the
/// strict loop iproute2 uses: only messages from the kernel (sender port 0) with our sequence number and
/// port id are kept; NLMSG_DONE ends the dump; NLMSG_ERROR fails it; a datagram larger than the buffer is
/// detected with MSG_PEEK|MSG_TRUNC and read whole; a dump the kernel marks NLM_F_DUMP_INTR (the table
/// changed while it was being dumped) is retried a bounded number of times.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    /// <summary>NETLINK_ROUTE (rtnetlink: routes, links, addresses).</summary>
    public const int NetlinkRoute = 0;

    /// <summary>NLM_F_REQUEST.</summary>
    public const ushort FlagRequest = 0x1;

    /// <summary>NLM_F_DUMP (NLM_F_ROOT | NLM_F_MATCH).</summary>
    public const ushort FlagDump = 0x300;

    private const int AF_NETLINK = 16;
    private const int SOCK_RAW = 3;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int SOL_SOCKET = 1;
    private const int SO_RCVBUF = 8;
    private const int SO_RCVTIMEO = 20;
    private const int MSG_PEEK = 0x2;
    private const int MSG_TRUNC = 0x20;
    private const int EINTR = 4;
    private const int MaxDumpAttempts = 4;

    private static int sequenceSeed = Environment.TickCount;

    private readonly int fd;
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
    /// <param name="errno">Why it failed (EACCES, EAFNOSUPPORT, EPROTONOSUPPORT …); 0 on success.</param>
    /// <returns>The socket, or null when the kernel refused one (a sandbox that forbids netlink).</returns>
    public static NetlinkSocket? TryOpen(int protocol, out int errno)
    {
        int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            errno = Marshal.GetLastWin32Error();
            return null;
        }

        SockaddrNl local = default;
        local.nl_family = AF_NETLINK;
        int size = sizeof(SockaddrNl);
        if (bind(fd, &local, size) != 0 || getsockname(fd, &local, &size) != 0)
        {
            errno = Marshal.GetLastWin32Error();
            _ = close(fd);
            return null;
        }

        // A dump of a big table must not stall on a small default buffer, and a kernel that never answers
        // must not hang the caller: 1 MiB receive buffer, 5 s receive timeout.
        int rcvbuf = 1 << 20;
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(int));
        Timeval timeout = new Timeval { tv_sec = 5, tv_usec = 0 };
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(Timeval));
        errno = 0;
        return new NetlinkSocket(fd, local.nl_pid);
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
        byte[]? reply = null;
        for (int attempt = 0; attempt < MaxDumpAttempts; attempt++)
        {
            uint seq = unchecked((uint)Interlocked.Increment(ref sequenceSeed));
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

    /// <inheritdoc />
    public void Dispose()
    {
        if (!this.disposed)
        {
            this.disposed = true;
            _ = close(this.fd);
        }
    }

    private byte[]? DumpOnce(byte[] request, uint seq, out bool interrupted, out int errno)
    {
        interrupted = false;
        SockaddrNl kernel = default;
        kernel.nl_family = AF_NETLINK;
        fixed (byte* req = request)
        {
            long sent;
            do
            {
                sent = (long)sendto(this.fd, req, (UIntPtr)request.Length, 0, &kernel, sizeof(SockaddrNl));
            }
            while (sent < 0 && Marshal.GetLastWin32Error() == EINTR);
            if (sent < 0)
            {
                errno = Marshal.GetLastWin32Error();
                return null;
            }
        }

        var collector = new NetlinkDumpCollector(seq, this.PortId);
        while (true)
        {
            int length = this.ReceiveDatagram(out uint sender, out errno);
            if (length < 0)
            {
                return null;
            }

            if (sender != 0)
            {
                continue; // not from the kernel
            }

            if (!collector.Accept(this.receiveBuffer.AsSpan(0, length)))
            {
                interrupted = collector.Interrupted;
                errno = collector.Error;
                return collector.IsDone ? collector.ToArray() : null;
            }
        }
    }

    // Peeks with MSG_TRUNC to learn the datagram's real size, grows the buffer when needed, then reads it.
    private int ReceiveDatagram(out uint sender, out int errno)
    {
        sender = 0;
        while (true)
        {
            SockaddrNl from = default;
            int fromLength = sizeof(SockaddrNl);
            long size;
            fixed (byte* buf = this.receiveBuffer)
            {
                size = (long)recvfrom(this.fd, buf, (UIntPtr)this.receiveBuffer.Length, MSG_PEEK | MSG_TRUNC, &from, &fromLength);
            }

            if (size < 0)
            {
                errno = Marshal.GetLastWin32Error();
                if (errno == EINTR)
                {
                    continue;
                }

                return -1;
            }

            if (size > this.receiveBuffer.Length)
            {
                this.receiveBuffer = new byte[(int)size];
            }

            fixed (byte* buf = this.receiveBuffer)
            {
                size = (long)recvfrom(this.fd, buf, (UIntPtr)this.receiveBuffer.Length, 0, &from, &fromLength);
            }

            if (size < 0)
            {
                errno = Marshal.GetLastWin32Error();
                if (errno == EINTR)
                {
                    continue;
                }

                return -1;
            }

            errno = 0;
            sender = from.nl_pid;
            return (int)size;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    private static extern int bind(int sockfd, SockaddrNl* addr, int addrlen);

    [DllImport("libc", SetLastError = true)]
    private static extern int getsockname(int sockfd, SockaddrNl* addr, int* addrlen);

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int sockfd, int level, int optname, void* optval, int optlen);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr sendto(int sockfd, byte* buf, UIntPtr len, int flags, SockaddrNl* destAddr, int addrlen);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr recvfrom(int sockfd, byte* buf, UIntPtr len, int flags, SockaddrNl* srcAddr, int* addrlen);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    /// <summary>struct sockaddr_nl.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockaddrNl
    {
        public ushort nl_family;
        public ushort nl_pad;
        public uint nl_pid;
        public uint nl_groups;
    }

    /// <summary>struct timeval (LP64: two longs).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timeval
    {
        public long tv_sec;
        public long tv_usec;
    }
}
