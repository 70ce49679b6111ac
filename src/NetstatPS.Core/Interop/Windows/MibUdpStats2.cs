using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UDPSTATS2 (udpmib.h), 32 bytes: GetUdpStatisticsEx2 (Windows 10 1703+), 64-bit datagram counters.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibUdpStats2
{
    public ulong InDatagrams;
    public uint NoPorts;
    public uint InErrors;
    public ulong OutDatagrams;
    public uint NumAddrs;
}
