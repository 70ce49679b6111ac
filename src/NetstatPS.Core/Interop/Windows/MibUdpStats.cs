using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UDPSTATS (udpmib.h), 20 bytes: GetUdpStatisticsEx.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibUdpStats
{
    public uint InDatagrams;
    public uint NoPorts;
    public uint InErrors;
    public uint OutDatagrams;
    public uint NumAddrs;
}
