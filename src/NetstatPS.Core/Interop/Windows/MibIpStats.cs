using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_IPSTATS (MIB_IPSTATS_LH, ipmib.h), 92 bytes: GetIpStatisticsEx.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibIpStats
{
    public uint Forwarding;
    public uint DefaultTTL;
    public uint InReceives;
    public uint InHdrErrors;
    public uint InAddrErrors;
    public uint ForwDatagrams;
    public uint InUnknownProtos;
    public uint InDiscards;
    public uint InDelivers;
    public uint OutRequests;
    public uint RoutingDiscards;
    public uint OutDiscards;
    public uint OutNoRoutes;
    public uint ReasmTimeout;
    public uint ReasmReqds;
    public uint ReasmOks;
    public uint ReasmFails;
    public uint FragOks;
    public uint FragFails;
    public uint FragCreates;
    public uint NumIf;
    public uint NumAddr;
    public uint NumRoutes;
}
