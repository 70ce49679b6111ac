using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>PROCESSENTRY32W (tlhelp32.h), 568 bytes on 64-bit Windows (th32DefaultHeapID is a ULONG_PTR).</summary>
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
internal unsafe struct ProcessEntry32W
{
    public uint Size;
    public uint Usage;
    public uint ProcessId;
    public System.UIntPtr DefaultHeapId;
    public uint ModuleId;
    public uint Threads;
    public uint ParentProcessId;
    public int PriClassBase;
    public uint Flags;
    public fixed char ExeFile[260];
}
