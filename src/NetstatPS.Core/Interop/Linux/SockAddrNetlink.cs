using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>struct sockaddr_nl (linux/netlink.h): a netlink socket address (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrNetlink
{
    /// <summary>nl_family: AF_NETLINK.</summary>
    public ushort Family;

    /// <summary>nl_pad.</summary>
    public ushort Pad;

    /// <summary>nl_pid: port id; 0 addresses the kernel (or asks the kernel to assign one on bind).</summary>
    public uint PortId;

    /// <summary>nl_groups: multicast groups (none here).</summary>
    public uint Groups;
}
