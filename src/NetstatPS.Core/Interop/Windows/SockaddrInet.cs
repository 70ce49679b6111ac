using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>
/// SOCKADDR_INET (ws2ipdef.h), 28 bytes, 4-byte aligned: the union of SOCKADDR_IN, SOCKADDR_IN6 and the
/// family. Laid out as its largest member, SOCKADDR_IN6; for AF_INET the sin_addr of SOCKADDR_IN sits
/// where sin6_flowinfo is (offset 4), so <see cref="FlowInfoOrIPv4Address"/> holds the IPv4 address.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockaddrInet
{
    public ushort Family;
    public ushort Port;
    public uint FlowInfoOrIPv4Address;
    public fixed byte IPv6Address[16];
    public uint ScopeId;
}
