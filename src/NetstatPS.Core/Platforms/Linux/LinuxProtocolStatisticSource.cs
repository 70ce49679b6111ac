using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Protocol counters on Linux: /proc/net/snmp, /proc/net/snmp6 and /proc/net/netstat (the files nstat
/// reads; they are per network namespace), plus IPv6 forwarding and hop limit from /proc/sys/net/ipv6.
/// </summary>
internal sealed class LinuxProtocolStatisticSource : IProtocolStatisticSource
{
    private readonly string procNet;
    private readonly string procSysIPv6;

    /// <summary>Reads the running kernel.</summary>
    public LinuxProtocolStatisticSource()
        : this("/proc/net", "/proc/sys/net/ipv6/conf/all")
    {
    }

    /// <summary>Reads other directories (tests).</summary>
    /// <param name="procNet">The /proc/net directory.</param>
    /// <param name="procSysIPv6">The /proc/sys/net/ipv6/conf/all directory.</param>
    internal LinuxProtocolStatisticSource(string procNet, string procSysIPv6)
    {
        this.procNet = procNet;
        this.procSysIPv6 = procSysIPv6;
    }

    /// <inheritdoc />
    public void Read(List<ProtocolStatistic> into, WarningCollector warnings)
    {
        byte[]? snmp = LinuxFiles.ReadAll(Path.Combine(this.procNet, "snmp"));
        byte[]? snmp6 = LinuxFiles.ReadAll(Path.Combine(this.procNet, "snmp6"));
        byte[]? extended = LinuxFiles.ReadAll($"{this.procNet}/netstat"); // /proc/net/netstat: TcpExt, IpExt …
        if (snmp is null)
        {
            warnings.Add(Path.Combine(this.procNet, "snmp") + " could not be read: no IPv4, ICMP, TCP or UDP counters.");
        }

        long? forwarding = snmp6 is null ? null : LinuxFiles.ReadNumber(Path.Combine(this.procSysIPv6, "forwarding"));
        long? hopLimit = snmp6 is null ? null : LinuxFiles.ReadNumber(Path.Combine(this.procSysIPv6, "hop_limit"));
        var rows = new List<ProtocolStatistic>();
        try
        {
            LinuxSnmpDecoder.Decode(snmp, snmp6, extended, forwarding is null ? null : forwarding != 0, hopLimit, rows);
        }
        catch (NetstatDecodeException e)
        {
            warnings.Add("The protocol counters in " + this.procNet + " could not be decoded: " + e.Message);
            return;
        }

        into.AddRange(rows);
    }
}
