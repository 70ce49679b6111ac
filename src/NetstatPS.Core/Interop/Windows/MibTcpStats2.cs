using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_TCPSTATS2 (tcpmib.h), 72 bytes: GetTcpStatisticsEx2 (Windows 10 1703+), 64-bit segment counters.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MibTcpStats2
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
    public ulong InSegs;
    public ulong OutSegs;
    public uint RetransSegs;
    public uint InErrs;
    public uint OutRsts;
    public uint NumConns;
}
