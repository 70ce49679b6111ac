using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UDP6ROW_OWNER_PID (udpmib.h), 28 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibUdp6RowOwnerPid
{
    public fixed byte LocalAddr[16];
    public uint LocalScopeId;
    public uint LocalPort;
    public uint OwningPid;
}
