using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Multicast memberships from /proc/net/igmp and /proc/net/igmp6, the files netstat -g and ip maddr
/// read. Netlink's RTM_GETMULTICAST is not used: it gives the groups (IPv6 always, IPv4 only since
/// Linux 6.13) but not how many times each was joined, which is the point of netstat -g. A family
/// whose file does not exist (IPv6 disabled, no CONFIG_IP_MULTICAST) has no memberships.
/// </summary>
internal sealed class LinuxMulticastSource : IMulticastSource
{
    private readonly string procNet;

    /// <summary>Reads this machine's /proc/net.</summary>
    public LinuxMulticastSource()
        : this("/proc/net")
    {
    }

    /// <summary>Reads the files under <paramref name="procNet"/> (tests pass fixtures).</summary>
    /// <param name="procNet">The /proc/net directory.</param>
    internal LinuxMulticastSource(string procNet) => this.procNet = procNet;

    /// <inheritdoc />
    public void Read(List<MulticastMembership> into, WarningCollector warnings)
    {
        var v4 = new List<MulticastMembership>();
        var v6 = new List<MulticastMembership>();
        if (LinuxFiles.ReadAll(Path.Combine(this.procNet, "igmp")) is byte[] igmp)
        {
            LinuxIgmpDecoder.Decode(igmp, v4);
        }

        if (LinuxFiles.ReadAll(Path.Combine(this.procNet, "igmp6")) is byte[] igmp6)
        {
            LinuxIgmp6Decoder.Decode(igmp6, v6);
        }

        // By interface, IPv4 before IPv6, the kernel's order within each (ip maddr's order).
        var byInterface = new SortedDictionary<int, List<MulticastMembership>>();
        foreach (MulticastMembership m in v4)
        {
            Add(byInterface, m);
        }

        foreach (MulticastMembership m in v6)
        {
            Add(byInterface, m);
        }

        foreach (List<MulticastMembership> rows in byInterface.Values)
        {
            into.AddRange(rows);
        }
    }

    private static void Add(SortedDictionary<int, List<MulticastMembership>> byInterface, MulticastMembership m)
    {
        if (!byInterface.TryGetValue(m.InterfaceIndex, out List<MulticastMembership>? rows))
        {
            byInterface[m.InterfaceIndex] = rows = new List<MulticastMembership>();
        }

        rows.Add(m);
    }
}
