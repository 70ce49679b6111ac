using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.NetworkInformation;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Interfaces and counters on Linux: an rtnetlink RTM_GETLINK dump (64-bit IFLA_STATS64 counters), with
/// the link speed from /sys/class/net/NAME/speed; when netlink is refused, /proc/net/dev plus the
/// /sys/class/net attributes. Rows are ordered by index.
/// </summary>
/// <remarks>
/// /sys/class/net shows the network namespace sysfs was mounted in, not necessarily the caller's (after
/// unshare -n without remounting /sys it still lists the host's links). It is used only when it lists
/// exactly the interfaces the kernel just reported, each with the same index; otherwise the values only
/// sysfs has (speed; in the fallback also MTU, MAC, status, type, alias) stay null.
/// </remarks>
internal sealed class LinuxInterfaceStatisticSource : IInterfaceStatisticSource
{
    private readonly string procNet;
    private readonly string sysClassNet;
    private readonly bool forceFallback;
    private readonly Func<string, int?> nameToIndex;

    /// <summary>Reads the running kernel.</summary>
    public LinuxInterfaceStatisticSource()
        : this("/proc/net", "/sys/class/net", forceFallback: false)
    {
    }

    /// <summary>Reads from other directories (tests), optionally skipping netlink.</summary>
    /// <param name="procNet">The /proc/net directory.</param>
    /// <param name="sysClassNet">The /sys/class/net directory.</param>
    /// <param name="forceFallback">Use /proc/net/dev and sysfs even when netlink works.</param>
    /// <param name="nameToIndex">Interface name → index for the fallback; null asks the kernel (if_nametoindex).</param>
    internal LinuxInterfaceStatisticSource(string procNet, string sysClassNet, bool forceFallback, Func<string, int?>? nameToIndex = null)
    {
        this.procNet = procNet;
        this.sysClassNet = sysClassNet;
        this.forceFallback = forceFallback;
        this.nameToIndex = nameToIndex ?? LibCInterfaceIndex.NameToIndex;
    }

    /// <inheritdoc />
    public void Read(List<InterfaceStatistic> into, WarningCollector warnings)
    {
        var rows = new List<InterfaceStatistic>();
        if (this.forceFallback || !TryReadNetlink(rows, warnings))
        {
            rows.Clear();
            this.ReadFallback(rows, warnings);
        }
        else
        {
            this.AddSpeeds(rows);
        }

        rows.Sort((a, b) => a.Index.CompareTo(b.Index));
        into.AddRange(rows);
    }

    /// <summary>Dumps every link over rtnetlink (also used for the route source's index → name map).</summary>
    /// <param name="socket">An open NETLINK_ROUTE socket.</param>
    /// <param name="warnings">Where an inconsistent-dump warning goes.</param>
    /// <returns>The reply messages, or null when the kernel refused.</returns>
    internal static byte[]? DumpLinks(NetlinkSocket socket, WarningCollector warnings)
    {
        byte[]? reply = socket.Dump(NetlinkSocket.BuildDumpRequest(LinuxLinkDecoder.GetLink, LinuxLinkDecoder.RequestHeader()), out bool interrupted, out _);
        if (interrupted)
        {
            warnings.Add("The interface list changed while it was being read; some rows may be missing or stale.");
        }

        return reply;
    }

    /// <summary>Applies the sysfs-only values to rows read elsewhere, when sysfs shows this namespace (see remarks).</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="sysClassNet">The /sys/class/net directory.</param>
    /// <param name="everything">Also MTU, MAC, status, type, flags and alias (the fallback), not only speed.</param>
    internal static void ApplySysfs(List<InterfaceStatistic> rows, string sysClassNet, bool everything)
    {
        if (!SysfsMatches(rows, sysClassNet))
        {
            return;
        }

        foreach (InterfaceStatistic row in rows)
        {
            string dir = Path.Combine(sysClassNet, row.Name);
            long? speed = LinuxFiles.ReadNumber(Path.Combine(dir, "speed"));
            row.Speed = speed is long mbps && mbps >= 0 ? mbps * 1_000_000 : null;
            if (!everything)
            {
                continue;
            }

            row.Mtu = LinuxFiles.ReadNumber(Path.Combine(dir, "mtu")) is long mtu ? (int)mtu : null;
            row.Type = LinuxFiles.ReadNumber(Path.Combine(dir, "type")) is long type ? LinuxLinkDecoder.TypeName((int)type) : null;
            string? flags = LinuxFiles.ReadText(Path.Combine(dir, "flags"));
            row.AdminUp = flags is not null && flags.StartsWith("0x", StringComparison.Ordinal) &&
                uint.TryParse(flags.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint f) ? (f & 1) != 0 : null;
            row.Status = OperStatus(LinuxFiles.ReadText(Path.Combine(dir, "operstate")));
            row.MacAddress = Mac(LinuxFiles.ReadText(Path.Combine(dir, "address")));
            string? alias = LinuxFiles.ReadText(Path.Combine(dir, "ifalias"));
            row.Description = string.IsNullOrEmpty(alias) ? null : alias;
        }
    }

    private static bool TryReadNetlink(List<InterfaceStatistic> rows, WarningCollector warnings)
    {
        using NetlinkSocket? socket = NetlinkSocket.TryOpen(NetlinkSocket.NetlinkRoute, out _);
        if (socket is null)
        {
            return false;
        }

        byte[]? reply = DumpLinks(socket, warnings);
        if (reply is null)
        {
            return false;
        }

        try
        {
            LinuxLinkDecoder.Decode(reply, rows);
            return true;
        }
        catch (NetstatDecodeException e)
        {
            warnings.Add("The kernel's interface dump could not be decoded (" + e.Message + "); read /proc/net/dev instead.");
            return false;
        }
    }

    private static bool SysfsMatches(List<InterfaceStatistic> rows, string sysClassNet)
    {
        string[] dirs;
        try
        {
            dirs = Directory.GetFileSystemEntries(sysClassNet);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string d in dirs)
        {
            names.Add(Path.GetFileName(d));
        }

        if (names.Count != rows.Count)
        {
            return false;
        }

        foreach (InterfaceStatistic row in rows)
        {
            if (!names.Contains(row.Name))
            {
                return false;
            }

            if (LinuxFiles.ReadNumber(Path.Combine(sysClassNet, row.Name, "ifindex")) != row.Index)
            {
                return false;
            }
        }

        return true;
    }

    private static OperationalStatus OperStatus(string? text) => text switch
    {
        "notpresent" => OperationalStatus.NotPresent,
        "down" => OperationalStatus.Down,
        "lowerlayerdown" => OperationalStatus.LowerLayerDown,
        "testing" => OperationalStatus.Testing,
        "dormant" => OperationalStatus.Dormant,
        "up" => OperationalStatus.Up,
        _ => OperationalStatus.Unknown,
    };

    private static string? Mac(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(':');
        if (parts.Length != 6)
        {
            return null;
        }

        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            if (!byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }

        return LinuxLinkDecoder.MacAddress(bytes);
    }

    private void AddSpeeds(List<InterfaceStatistic> rows) => ApplySysfs(rows, this.sysClassNet, everything: false);

    private void ReadFallback(List<InterfaceStatistic> rows, WarningCollector warnings)
    {
        byte[]? dev = LinuxFiles.ReadAll(Path.Combine(this.procNet, "dev"));
        if (dev is null)
        {
            warnings.Add("Neither rtnetlink nor " + Path.Combine(this.procNet, "dev") + " could be read: no interface statistics.");
            return;
        }

        try
        {
            LinuxProcNetDevDecoder.Decode(dev, rows);
        }
        catch (NetstatDecodeException e)
        {
            warnings.Add(Path.Combine(this.procNet, "dev") + " could not be decoded: " + e.Message);
            rows.Clear();
            return;
        }

        foreach (InterfaceStatistic row in rows)
        {
            row.Index = this.nameToIndex(row.Name) ?? 0;
        }

        ApplySysfs(rows, this.sysClassNet, everything: true);
    }
}
