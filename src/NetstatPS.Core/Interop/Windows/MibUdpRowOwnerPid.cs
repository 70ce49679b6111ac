using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UDPROW_OWNER_PID (udpmib.h), 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibUdpRowOwnerPid
{
    public uint LocalAddr;
    public uint LocalPort;
    public uint OwningPid;
}
