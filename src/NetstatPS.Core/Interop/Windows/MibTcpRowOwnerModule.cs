using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCPROW_OWNER_MODULE (tcpmib.h), 160 bytes: MIB_TCPROW_OWNER_PID plus the creation FILETIME and the opaque module info GetOwnerModuleFromTcpEntry reads.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcpRowOwnerModule
{
    public uint State;
    public uint LocalAddr;
    public uint LocalPort;
    public uint RemoteAddr;
    public uint RemotePort;
    public uint OwningPid;
    public long CreateTimestamp;
    public fixed ulong OwningModuleInfo[16];
}
