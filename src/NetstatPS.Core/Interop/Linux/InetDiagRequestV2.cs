using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>struct inet_diag_req_v2 (linux/inet_diag.h): what a SOCK_DIAG_BY_FAMILY dump asks for, 56 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InetDiagRequestV2
{
    /// <summary>sdiag_family: AF_INET or AF_INET6.</summary>
    public byte Family;

    /// <summary>sdiag_protocol: IPPROTO_TCP or IPPROTO_UDP.</summary>
    public byte Protocol;

    /// <summary>idiag_ext: bit (1 &lt;&lt; (INET_DIAG_x - 1)) per extension attribute wanted (INFO, CONG).</summary>
    public byte Extensions;

    /// <summary>pad.</summary>
    public byte Pad;

    /// <summary>idiag_states: bit (1 &lt;&lt; TCP_x) per kernel socket state wanted; the kernel filters.</summary>
    public uint States;

    /// <summary>id: ignored for dumps (all zero).</summary>
    public InetDiagSockId Id;
}
