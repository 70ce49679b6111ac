using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>The libc socket calls the netlink sock_diag reader needs (blittable; errno via SetLastError).</summary>
internal static unsafe class LibCSockets
{
    /// <summary>AF_NETLINK.</summary>
    public const int AF_NETLINK = 16;

    /// <summary>SOCK_RAW.</summary>
    public const int SOCK_RAW = 3;

    /// <summary>SOCK_CLOEXEC.</summary>
    public const int SOCK_CLOEXEC = 0x80000;

    /// <summary>NETLINK_SOCK_DIAG (formerly NETLINK_INET_DIAG).</summary>
    public const int NETLINK_SOCK_DIAG = 4;

    /// <summary>SOL_SOCKET.</summary>
    public const int SOL_SOCKET = 1;

    /// <summary>SO_SNDBUF.</summary>
    public const int SO_SNDBUF = 7;

    /// <summary>SO_RCVBUF.</summary>
    public const int SO_RCVBUF = 8;

    /// <summary>SO_RCVTIMEO (the struct timeval layout of 64-bit time_t ABIs).</summary>
    public const int SO_RCVTIMEO = 20;

    /// <summary>SO_RCVBUFFORCE: like SO_RCVBUF but above rmem_max; needs CAP_NET_ADMIN.</summary>
    public const int SO_RCVBUFFORCE = 33;

    /// <summary>MSG_TRUNC: make recv return the datagram's real length even when it did not fit.</summary>
    public const int MSG_TRUNC = 0x20;

    private const string Library = "libc";

    [DllImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static extern int Socket(int domain, int type, int protocol);

    [DllImport(Library, EntryPoint = "bind", SetLastError = true)]
    public static extern int Bind(int socket, SockAddrNetlink* address, int addressLength);

    [DllImport(Library, EntryPoint = "getsockname", SetLastError = true)]
    public static extern int GetSockName(int socket, SockAddrNetlink* address, int* addressLength);

    [DllImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    public static extern int SetSockOpt(int socket, int level, int name, void* value, int valueLength);

    [DllImport(Library, EntryPoint = "sendto", SetLastError = true)]
    public static extern IntPtr SendTo(int socket, void* buffer, UIntPtr length, int flags, SockAddrNetlink* address, int addressLength);

    [DllImport(Library, EntryPoint = "recvfrom", SetLastError = true)]
    public static extern IntPtr ReceiveFrom(int socket, void* buffer, UIntPtr length, int flags, void* address, int* addressLength);
}
