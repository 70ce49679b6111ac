using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCP6ROW2 (tcpmib.h), 60 bytes: a GetTcp6Table2 row.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcp6Row2
{
    public fixed byte LocalAddr[16];
    public uint LocalScopeId;
    public uint LocalPort;
    public fixed byte RemoteAddr[16];
    public uint RemoteScopeId;
    public uint RemotePort;
    public uint State;
    public uint OwningPid;
    public uint OffloadState;
}
