using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCP6ROW_OWNER_MODULE (tcpmib.h), 192 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcp6RowOwnerModule
{
    public fixed byte LocalAddr[16];
    public uint LocalScopeId;
    public uint LocalPort;
    public fixed byte RemoteAddr[16];
    public uint RemoteScopeId;
    public uint RemotePort;
    public uint State;
    public uint OwningPid;
    public long CreateTimestamp;
    public fixed ulong OwningModuleInfo[16];
}
