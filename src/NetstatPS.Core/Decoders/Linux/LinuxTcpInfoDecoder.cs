using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes struct tcp_info (include/uapi/linux/tcp.h), the INET_DIAG_INFO attribute of a TCP socket,
/// into <see cref="TcpMetrics"/>. Older kernels send a shorter structure: every field that lies past
/// the end of what the kernel sent stays null. Times in the structure are microseconds (rtt, rto,
/// ato, busy/limited times) or milliseconds (last_* times); values are host byte order.
/// </summary>
internal static class LinuxTcpInfoDecoder
{
    // Offsets in struct tcp_info.
    private const int Rto = 8;
    private const int Ato = 12;
    private const int SndMss = 16;
    private const int Lost = 32;
    private const int Retrans = 36;
    private const int LastDataSent = 44;
    private const int LastDataRecv = 52;
    private const int LastAckRecv = 56;
    private const int Pmtu = 60;
    private const int Rtt = 68;
    private const int RttVar = 72;
    private const int SndSsthresh = 76;
    private const int SndCwnd = 80;
    private const int Reordering = 88;
    private const int RcvSpace = 96;
    private const int TotalRetrans = 100;
    private const int PacingRate = 104;
    private const int BytesAcked = 120;
    private const int BytesReceived = 128;
    private const int SegsOut = 136;
    private const int SegsIn = 140;
    private const int NotsentBytes = 144;
    private const int MinRtt = 148;
    private const int DataSegsIn = 152;
    private const int DataSegsOut = 156;
    private const int DeliveryRate = 160;
    private const int BusyTime = 168;
    private const int RwndLimited = 176;
    private const int SndbufLimited = 184;
    private const int BytesSent = 200;
    private const int BytesRetrans = 208;
    private const int SndWnd = 228;

    // The kernel's "no value" markers: TCP_INFINITE_SSTHRESH (ss prints ssthresh only below 0xFFFF),
    // ~0U for min_rtt without a sample, ~0ULL for an unlimited pacing rate.
    private const uint InfiniteSsthreshLimit = 0xFFFF;

    /// <summary>Decodes a tcp_info of any length (0 bytes gives an object whose fields are all null).</summary>
    /// <param name="info">The attribute payload.</param>
    /// <param name="congestionAlgorithm">The INET_DIAG_CONG name, or null.</param>
    /// <returns>The metrics.</returns>
    public static TcpMetrics Decode(ReadOnlySpan<byte> info, string? congestionAlgorithm)
    {
        var m = new TcpMetrics { CongestionAlgorithm = congestionAlgorithm };
        m.RetransmitTimeoutMs = Micros(info, Rto);
        m.AckTimeoutMs = Micros(info, Ato);
        m.MaxSegmentSize = U32(info, SndMss);
        m.LostSegments = U32(info, Lost);
        m.Retransmits = U32(info, Retrans);
        m.LastDataSentMs = U32(info, LastDataSent);
        m.LastDataReceivedMs = U32(info, LastDataRecv);
        m.LastAckReceivedMs = U32(info, LastAckRecv);
        m.PathMtu = U32(info, Pmtu);
        m.RoundTripTimeMs = Micros(info, Rtt);
        m.RoundTripTimeVarianceMs = Micros(info, RttVar);
        m.SlowStartThreshold = U32(info, SndSsthresh) is long ssthresh && ssthresh < InfiniteSsthreshLimit ? ssthresh : null;
        m.CongestionWindow = U32(info, SndCwnd);
        m.Reordering = U32(info, Reordering);
        m.ReceiveSpace = U32(info, RcvSpace);
        m.TotalRetransmits = U32(info, TotalRetrans);
        m.PacingRateBytesPerSecond = U64(info, PacingRate) is long pacing && pacing != -1 ? pacing : null;
        m.BytesAcked = U64(info, BytesAcked);
        m.BytesReceived = U64(info, BytesReceived);
        m.SegmentsSent = U32(info, SegsOut);
        m.SegmentsReceived = U32(info, SegsIn);
        m.NotSentBytes = U32(info, NotsentBytes);
        m.MinRoundTripTimeMs = U32(info, MinRtt) is long minRtt && minRtt != uint.MaxValue ? minRtt / 1000.0 : null;
        m.DataSegmentsReceived = U32(info, DataSegsIn);
        m.DataSegmentsSent = U32(info, DataSegsOut);
        m.DeliveryRateBytesPerSecond = U64(info, DeliveryRate);
        m.BusyTimeMs = U64(info, BusyTime) / 1000;
        m.ReceiveWindowLimitedMs = U64(info, RwndLimited) / 1000;
        m.SendBufferLimitedMs = U64(info, SndbufLimited) / 1000;
        m.BytesSent = U64(info, BytesSent);
        m.BytesRetransmitted = U64(info, BytesRetrans);
        m.SendWindow = U32(info, SndWnd);
        return m;
    }

    private static long? U32(ReadOnlySpan<byte> info, int offset) =>
        info.Length >= offset + 4 ? MemoryMarshal.Read<uint>(info.Slice(offset)) : null;

    private static long? U64(ReadOnlySpan<byte> info, int offset) =>
        info.Length >= offset + 8 ? (long)MemoryMarshal.Read<ulong>(info.Slice(offset)) : null;

    private static double? Micros(ReadOnlySpan<byte> info, int offset) => U32(info, offset) / 1000.0;
}
