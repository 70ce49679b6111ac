using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_ICMP_EX (ipmib.h), 2064 bytes: GetIcmpStatisticsEx.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibIcmpEx
{
    public MibIcmpStatsEx InStats;
    public MibIcmpStatsEx OutStats;
}
