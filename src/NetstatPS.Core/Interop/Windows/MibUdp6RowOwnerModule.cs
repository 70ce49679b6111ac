using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UDP6ROW_OWNER_MODULE (udpmib.h), 176 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibUdp6RowOwnerModule
{
    public fixed byte LocalAddr[16];
    public uint LocalScopeId;
    public uint LocalPort;
    public uint OwningPid;
    public long CreateTimestamp;

    /// <summary>The union { struct { int SpecificPortBind : 1; }; int dwFlags; }.</summary>
    public int Flags;
    public fixed ulong OwningModuleInfo[16];
}
