using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>struct inet_diag_sockid (linux/inet_diag.h): a socket's endpoints, 48 bytes.</summary>
/// <remarks>Ports and addresses are in network byte order; the interface index and cookie in host order.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InetDiagSockId
{
    /// <summary>idiag_sport (big endian).</summary>
    public ushort SourcePort;

    /// <summary>idiag_dport (big endian).</summary>
    public ushort DestinationPort;

    /// <summary>idiag_src: 4 bytes used for IPv4, 16 for IPv6.</summary>
    public fixed uint Source[4];

    /// <summary>idiag_dst.</summary>
    public fixed uint Destination[4];

    /// <summary>idiag_if: the bound interface index, 0 when none.</summary>
    public uint Interface;

    /// <summary>idiag_cookie: the kernel's socket cookie.</summary>
    public fixed uint Cookie[2];
}
