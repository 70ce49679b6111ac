using System;
using System.Collections.Generic;
using System.Net;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/igmp6 (net/ipv6/mcast.c, igmp6_mc_seq_show): one line per membership, no header —
/// interface index, device name, the group as 32 hex digits in network order, the users count, the
/// MAF_* flags in hex (0x1 timer running, 0x2 last reporter, 0x4 loaded, 0x8 no report) and the report
/// timer in USER_HZ ticks. Pure; malformed text throws <see cref="NetstatDecodeException"/>.
/// </summary>
/// <example>
/// <c>3    va              ff150000000000000000000000001234     1 00000004 0</c> gives va (index 3) in
/// ff15::1234, ReferenceCount 1, no timer, not the last reporter.
/// </example>
internal static class LinuxIgmp6Decoder
{
    private const ulong TimerRunning = 0x1;
    private const ulong LastReporter = 0x2;

    /// <summary>Decodes the file.</summary>
    /// <param name="text">The file's bytes.</param>
    /// <param name="into">Where memberships go, in file order.</param>
    public static void Decode(ReadOnlySpan<byte> text, List<MulticastMembership> into)
    {
        ReadOnlySpan<byte> rest = text;
        Span<byte> address = stackalloc byte[16];
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            if (LinuxProcText.IsBlankLine(line))
            {
                continue;
            }

            ReadOnlySpan<byte> l = line;
            if (!LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> idx) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> device) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> group) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> users) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> flags) ||
                !LinuxProcText.NextField(ref l, out ReadOnlySpan<byte> timer))
            {
                throw new NetstatDecodeException("/proc/net/igmp6: a line has fewer than six fields.");
            }

            LinuxProcText.ParseHexBytes(group, address, "/proc/net/igmp6 group");
            ulong f = LinuxProcText.ParseHex(flags, "/proc/net/igmp6 flags");
            long ticks = LinuxProcText.ParseInt64(timer, "/proc/net/igmp6 timer");
            into.Add(new MulticastMembership
            {
                InterfaceName = LinuxProcText.Text(device),
                InterfaceIndex = (int)Math.Min(LinuxProcText.ParseUInt64(idx, "/proc/net/igmp6 interface index"), int.MaxValue),
                AddressFamily = IPAddressFamily.IPv6,
                Address = new IPAddress(address.ToArray()).ToString(),
                ReferenceCount = (int)Math.Min(LinuxProcText.ParseUInt64(users, "/proc/net/igmp6 users"), int.MaxValue),

                // A timer that fired but is still flagged prints a slightly negative count: due now.
                ReportTimerExpiresIn = (f & TimerRunning) != 0 ? LinuxIgmpDecoder.Ticks(ticks < 0 ? 0UL : (ulong)ticks) : null,
                IsLastReporter = (f & LastReporter) != 0,
                Source = LinuxIgmpDecoder.SourceName,
            });
        }
    }
}
