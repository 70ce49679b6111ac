using System;
using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Protocol counters per family, in netstat -s order: GetIpStatisticsEx, GetIcmpStatisticsEx,
/// GetTcpStatisticsEx2 (falling back to GetTcpStatisticsEx where Ex2 is missing, before Windows 10 1703)
/// and GetUdpStatisticsEx2 (likewise). A family the stack does not run (IPv6 removed) is skipped with a warning.
/// </summary>
internal sealed unsafe class WindowsProtocolStatisticSource : IProtocolStatisticSource
{
    private static readonly IPAddressFamily[] Families = { IPAddressFamily.IPv4, IPAddressFamily.IPv6 };

    private bool noTcpEx2;
    private bool noUdpEx2;

    /// <inheritdoc />
    public void Read(List<ProtocolStatistic> into, WarningCollector warnings)
    {
        foreach (IPAddressFamily f in Families)
        {
            uint rc = Fill(sizeof(MibIpStats), b => IpHlpApi.GetIpStatisticsEx((MibIpStats*)b, Af(f)), out byte[] data);
            Add(rc, "GetIpStatisticsEx", f, () => WindowsProtocolStatisticDecoder.DecodeIp(data, f), into, warnings);
        }

        foreach (IPAddressFamily f in Families)
        {
            uint rc = Fill(sizeof(MibIcmpEx), b => IpHlpApi.GetIcmpStatisticsEx((MibIcmpEx*)b, Af(f)), out byte[] data);
            Add(rc, "GetIcmpStatisticsEx", f, () => WindowsProtocolStatisticDecoder.DecodeIcmp(data, f), into, warnings);
        }

        foreach (IPAddressFamily f in Families)
        {
            this.ReadTcp(f, into, warnings);
        }

        foreach (IPAddressFamily f in Families)
        {
            this.ReadUdp(f, into, warnings);
        }
    }

    private static uint Af(IPAddressFamily f) => f == IPAddressFamily.IPv4 ? IpHlpApi.AF_INET : IpHlpApi.AF_INET6;

    private delegate uint StatisticsCall(byte* buffer);

    private static uint Fill(int size, StatisticsCall call, out byte[] data)
    {
        data = new byte[size];
        fixed (byte* p = data)
        {
            return call(p);
        }
    }

    private static void Add(uint rc, string function, IPAddressFamily family, Func<ProtocolStatistic> decode, List<ProtocolStatistic> into, WarningCollector warnings)
    {
        if (rc == 0)
        {
            into.Add(decode());
        }
        else
        {
            warnings.Add($"{function} ({family}) failed with error {rc}: those counters are missing.");
        }
    }

    private void ReadTcp(IPAddressFamily f, List<ProtocolStatistic> into, WarningCollector warnings)
    {
        if (!this.noTcpEx2)
        {
            try
            {
                uint rc2 = Fill(sizeof(MibTcpStats2), b => IpHlpApi.GetTcpStatisticsEx2((MibTcpStats2*)b, Af(f)), out byte[] data2);
                Add(rc2, "GetTcpStatisticsEx2", f, () => WindowsProtocolStatisticDecoder.DecodeTcp2(data2, f), into, warnings);
                return;
            }
            catch (EntryPointNotFoundException)
            {
                this.noTcpEx2 = true;
            }
        }

        uint rc = Fill(sizeof(MibTcpStats), b => IpHlpApi.GetTcpStatisticsEx((MibTcpStats*)b, Af(f)), out byte[] data);
        Add(rc, "GetTcpStatisticsEx", f, () => WindowsProtocolStatisticDecoder.DecodeTcp(data, f), into, warnings);
    }

    private void ReadUdp(IPAddressFamily f, List<ProtocolStatistic> into, WarningCollector warnings)
    {
        if (!this.noUdpEx2)
        {
            try
            {
                uint rc2 = Fill(sizeof(MibUdpStats2), b => IpHlpApi.GetUdpStatisticsEx2((MibUdpStats2*)b, Af(f)), out byte[] data2);
                Add(rc2, "GetUdpStatisticsEx2", f, () => WindowsProtocolStatisticDecoder.DecodeUdp2(data2, f), into, warnings);
                return;
            }
            catch (EntryPointNotFoundException)
            {
                this.noUdpEx2 = true;
            }
        }

        uint rc = Fill(sizeof(MibUdpStats), b => IpHlpApi.GetUdpStatisticsEx((MibUdpStats*)b, Af(f)), out byte[] data);
        Add(rc, "GetUdpStatisticsEx", f, () => WindowsProtocolStatisticDecoder.DecodeUdp(data, f), into, warnings);
    }
}
