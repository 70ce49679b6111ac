using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>IP_ADDRESS_PREFIX (netioapi.h), 32 bytes: SOCKADDR_INET plus the prefix length (and 3 bytes of padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IpAddressPrefix
{
    public SockaddrInet Prefix;
    public byte PrefixLength;
}
