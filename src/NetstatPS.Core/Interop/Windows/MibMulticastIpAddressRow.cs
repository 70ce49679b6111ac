using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>
/// MIB_MULTICASTIPADDRESS_ROW (netioapi.h), 48 bytes: SOCKADDR_INET at 0, NET_IFINDEX at 28, NET_LUID at
/// 32 (8-aligned), SCOPE_ID at 40, 4 bytes of tail padding. One joined group of GetMulticastIpAddressTable.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MibMulticastIpAddressRow
{
    public SockaddrInet Address;
    public uint InterfaceIndex;
    public ulong InterfaceLuid;

    /// <summary>SCOPE_ID (Zone : 28, Level : 4).</summary>
    public uint ScopeId;
}
