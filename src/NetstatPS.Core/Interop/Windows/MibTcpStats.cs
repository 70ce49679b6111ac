using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCPSTATS (MIB_TCPSTATS_LH, tcpmib.h), 60 bytes: GetTcpStatisticsEx.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcpStats
{
    public uint RtoAlgorithm;
    public uint RtoMin;
    public uint RtoMax;
    public uint MaxConn;
    public uint ActiveOpens;
    public uint PassiveOpens;
    public uint AttemptFails;
    public uint EstabResets;
    public uint CurrEstab;
    public uint InSegs;
    public uint OutSegs;
    public uint RetransSegs;
    public uint InErrs;
    public uint OutRsts;
    public uint NumConns;
}
