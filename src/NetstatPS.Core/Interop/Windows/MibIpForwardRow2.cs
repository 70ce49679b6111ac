using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_IPFORWARD_ROW2 (netioapi.h), 104 bytes: one route of GetIpForwardTable2.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibIpForwardRow2
{
    public ulong InterfaceLuid;
    public uint InterfaceIndex;
    public IpAddressPrefix DestinationPrefix;
    public SockaddrInet NextHop;
    public byte SitePrefixLength;
    public uint ValidLifetime;
    public uint PreferredLifetime;
    public uint Metric;

    /// <summary>NL_ROUTE_PROTOCOL.</summary>
    public int Protocol;
    public byte Loopback;
    public byte AutoconfigureAddress;
    public byte Publish;
    public byte Immortal;
    public uint Age;

    /// <summary>NL_ROUTE_ORIGIN.</summary>
    public int Origin;
}
