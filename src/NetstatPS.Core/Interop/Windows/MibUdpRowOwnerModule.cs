using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UDPROW_OWNER_MODULE (udpmib.h), 160 bytes; the 4 bytes after OwningPid and after Flags are the C compiler's alignment padding for the LARGE_INTEGER and ULONGLONG members.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibUdpRowOwnerModule
{
    public uint LocalAddr;
    public uint LocalPort;
    public uint OwningPid;
    public long CreateTimestamp;

    /// <summary>The union { struct { int SpecificPortBind : 1; }; int dwFlags; }.</summary>
    public int Flags;
    public fixed ulong OwningModuleInfo[16];
}
