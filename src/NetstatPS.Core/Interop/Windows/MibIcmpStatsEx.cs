using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIBICMPSTATS_EX (ipmib.h), 1032 bytes: one direction of MIB_ICMP_EX; rgdwTypeCount is indexed by ICMP type.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibIcmpStatsEx
{
    public uint Msgs;
    public uint Errors;
    public fixed uint TypeCount[256];
}
