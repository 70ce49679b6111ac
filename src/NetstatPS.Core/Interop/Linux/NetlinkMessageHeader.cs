using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>struct nlmsghdr (linux/netlink.h): the 16-byte header of every netlink message, host byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NetlinkMessageHeader
{
    /// <summary>nlmsg_len: length of the message including this header.</summary>
    public uint Length;

    /// <summary>nlmsg_type: NLMSG_DONE, NLMSG_ERROR or the family's message type (SOCK_DIAG_BY_FAMILY).</summary>
    public ushort Type;

    /// <summary>nlmsg_flags: NLM_F_*.</summary>
    public ushort Flags;

    /// <summary>nlmsg_seq: the request's sequence number, echoed by the kernel.</summary>
    public uint Sequence;

    /// <summary>nlmsg_pid: the sender's port id (the kernel replies with ours).</summary>
    public uint PortId;
}
