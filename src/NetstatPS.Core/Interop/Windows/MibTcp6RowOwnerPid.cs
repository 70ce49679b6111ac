using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCP6ROW_OWNER_PID (tcpmib.h), 56 bytes: one row of MIB_TCP6TABLE_OWNER_PID.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcp6RowOwnerPid
{
    public fixed byte LocalAddr[16];
    public uint LocalScopeId;
    public uint LocalPort;
    public fixed byte RemoteAddr[16];
    public uint RemoteScopeId;
    public uint RemotePort;
    public uint State;
    public uint OwningPid;
}
