using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCPROW (tcpmib.h), 20 bytes: what SetTcpEntry takes. Addresses and ports in network byte order (ports in the low 16 bits).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MibTcpRow
{
    /// <summary>MIB_TCP_STATE_DELETE_TCB (12) is the only value SetTcpEntry accepts.</summary>
    public uint State;
    public uint LocalAddr;
    public uint LocalPort;
    public uint RemoteAddr;
    public uint RemotePort;
}
