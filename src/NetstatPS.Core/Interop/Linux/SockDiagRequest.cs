using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>One SOCK_DIAG_BY_FAMILY request as sent: struct nlmsghdr followed by struct inet_diag_req_v2 (72 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockDiagRequest
{
    /// <summary>The netlink header (type SOCK_DIAG_BY_FAMILY, flags NLM_F_REQUEST | NLM_F_DUMP).</summary>
    public NetlinkMessageHeader Header;

    /// <summary>The inet_diag request.</summary>
    public InetDiagRequestV2 Request;
}
