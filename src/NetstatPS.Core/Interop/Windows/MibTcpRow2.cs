using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCPROW2 (tcpmib.h), 28 bytes: a GetTcpTable2 row, the one that carries dwOffloadState (TCP_CONNECTION_OFFLOAD_STATE).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcpRow2
{
    public uint State;
    public uint LocalAddr;
    public uint LocalPort;
    public uint RemoteAddr;
    public uint RemotePort;
    public uint OwningPid;
    public uint OffloadState;
}
