using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>TCPIP_OWNER_MODULE_BASIC_INFO (iprtrmib.h): what GetOwnerModuleFrom*Entry writes at the start of its buffer; both strings point into the same buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TcpipOwnerModuleBasicInfo
{
    public char* ModuleName;
    public char* ModulePath;
}
