using System;
using System.Collections.Generic;
using System.Net;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/igmp (net/ipv4/igmp.c, igmp_mc_seq_show): after the header line, one line per
/// interface that has groups — "Idx\tDevice    : Count Querier" (the index, the name padded to ten, the
/// group count and the IGMP version in force, V1/V2/V3) — followed by one tab-indented line per group:
/// the address as the %08X of the __be32 read in host order, the users count, "running:ticks" of the
/// report timer (ticks in hex, USER_HZ), and the reporter flag. Pure; malformed text throws
/// <see cref="NetstatDecodeException"/>.
/// </summary>
/// <example>
/// <c>3\tva        :     2      V3</c> then <c>\t\t\t\t030201EF     2 0:00000000\t\t0</c> gives va (index 3)
/// in 239.1.2.3 with ReferenceCount 2, IgmpVersion 3, no timer, not the last reporter.
/// </example>
internal static class LinuxIgmpDecoder
{
    /// <summary>The Source of rows read from /proc/net/igmp and igmp6.</summary>
    public const string SourceName = "ProcNet";

    /// <summary>Clock ticks per second of the timers /proc prints (USER_HZ, the same 100 on every Linux ABI).</summary>
    public const int UserHz = 100;

    /// <summary>Decodes the file.</summary>
    /// <param name="text">The file's bytes.</param>
    /// <param name="into">Where memberships go, in file order.</param>
    public static void Decode(ReadOnlySpan<byte> text, List<MulticastMembership> into)
    {
        ReadOnlySpan<byte> rest = text;
        string? name = null;
        int index = 0;
        int? version = null;
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            if (LinuxProcText.IsBlankLine(line) || line.StartsWith("Idx"u8))
            {
                continue;
            }

            if (line[0] != (byte)'\t' && line[0] != (byte)' ')
            {
                ParseInterface(line, out index, out name, out version);
                continue;
            }

            if (name is null)
            {
                throw new NetstatDecodeException("/proc/net/igmp: a group line comes before any interface line.");
            }

            into.Add(ParseGroup(line, index, name, version));
        }
    }

    private static void ParseInterface(ReadOnlySpan<byte> line, out int index, out string name, out int? version)
    {
        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            throw new NetstatDecodeException("/proc/net/igmp: an interface line has no ':' after the device name.");
        }

        ReadOnlySpan<byte> head = line.Slice(0, colon);
        if (!LinuxProcText.NextField(ref head, out ReadOnlySpan<byte> idx) || !LinuxProcText.NextField(ref head, out ReadOnlySpan<byte> device) || LinuxProcText.NextField(ref head, out _))
        {
            throw new NetstatDecodeException("/proc/net/igmp: an interface line is not 'index device :'.");
        }

        index = checked((int)Math.Min(LinuxProcText.ParseUInt64(idx, "/proc/net/igmp interface index"), int.MaxValue));
        name = LinuxProcText.Text(device);
        ReadOnlySpan<byte> tail = line.Slice(colon + 1);
        version = null;
        if (LinuxProcText.NextField(ref tail, out ReadOnlySpan<byte> count))
        {
            LinuxProcText.ParseUInt64(count, "/proc/net/igmp group count");
            if (LinuxProcText.NextField(ref tail, out ReadOnlySpan<byte> querier))
            {
                version = querier.Length == 2 && querier[0] == (byte)'V' && querier[1] >= (byte)'1' && querier[1] <= (byte)'3'
                    ? querier[1] - '0'
                    : throw new NetstatDecodeException($"/proc/net/igmp: querier '{LinuxProcText.Text(querier)}' is not V1, V2 or V3.");
            }
        }
    }

    private static MulticastMembership ParseGroup(ReadOnlySpan<byte> line, int index, string name, int? version)
    {
        ReadOnlySpan<byte> l = line;
        if (!LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> group) ||
            !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> users) ||
            !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> timer) ||
            !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> reporter))
        {
            throw new NetstatDecodeException("/proc/net/igmp: a group line has fewer than four fields.");
        }

        if (group.Length != 8)
        {
            throw new NetstatDecodeException($"/proc/net/igmp: group '{LinuxProcText.Text(group)}' is not 8 hex digits.");
        }

        uint bits = (uint)LinuxProcText.ParseHex(group, "/proc/net/igmp group");
        int colon = timer.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new NetstatDecodeException($"/proc/net/igmp: timer '{LinuxProcText.Text(timer)}' is not running:ticks.");
        }

        bool running = LinuxProcText.ParseUInt64(timer.Slice(0, colon), "/proc/net/igmp timer state") != 0;
        ulong ticks = LinuxProcText.ParseHex(timer.Slice(colon + 1), "/proc/net/igmp timer");
        return new MulticastMembership
        {
            InterfaceName = name,
            InterfaceIndex = index,
            AddressFamily = IPAddressFamily.IPv4,

            // The %08X of a __be32 read in host order: the same bits in memory as the address, which is what IPAddress(long) takes.
            Address = new IPAddress(bits).ToString(),
            ReferenceCount = (int)Math.Min(LinuxProcText.ParseUInt64(users, "/proc/net/igmp users"), int.MaxValue),
            ReportTimerExpiresIn = running ? Ticks(ticks) : null,
            IsLastReporter = LinuxProcText.ParseUInt64(reporter, "/proc/net/igmp reporter") != 0,
            IgmpVersion = version,
            Source = SourceName,
        };
    }

    /// <summary>USER_HZ ticks as a time span (capped, so a corrupt count cannot overflow).</summary>
    /// <param name="ticks">Clock ticks.</param>
    /// <returns>The span.</returns>
    internal static TimeSpan Ticks(ulong ticks) => TimeSpan.FromMilliseconds(Math.Min(ticks, 1UL << 40) * (1000.0 / UserHz));
}
