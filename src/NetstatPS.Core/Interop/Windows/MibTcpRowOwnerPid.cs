using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCPROW_OWNER_PID (tcpmib.h), 24 bytes: one row of MIB_TCPTABLE_OWNER_PID. Addresses and ports in network byte order (ports in the low 16 bits).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcpRowOwnerPid
{
    public uint State;
    public uint LocalAddr;
    public uint LocalPort;
    public uint RemoteAddr;
    public uint RemotePort;
    public uint OwningPid;
}
