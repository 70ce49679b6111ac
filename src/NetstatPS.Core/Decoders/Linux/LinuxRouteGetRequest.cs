using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Encodes the RTM_GETROUTE request <c>ip route get ADDRESS [from SOURCE] [oif DEV] [fibmatch]</c> sends:
/// an nlmsghdr with NLM_F_REQUEST only (no NLM_F_DUMP: one lookup, one answer), a struct rtmsg with the
/// family, rtm_dst_len 32/128 (and rtm_src_len with a source), rtm_flags RTM_F_LOOKUP_TABLE (so the
/// answer names the table the policy rules chose, not always main) and optionally RTM_F_FIB_MATCH (the
/// answer is then the matching table entry, with its prefix and every next hop), then RTA_DST, RTA_SRC
/// and RTA_OIF. Pure: the sequence number is left 0 for the socket to fill.
/// </summary>
internal static class LinuxRouteGetRequest
{
    /// <summary>RTM_F_LOOKUP_TABLE: set rtm_table / RTA_TABLE to the table the lookup used.</summary>
    public const uint LookupTable = 0x1000;

    /// <summary>RTM_F_FIB_MATCH: answer with the matching FIB entry instead of the computed route.</summary>
    public const uint FibMatch = 0x2000;

    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;
    private const ushort NLM_F_REQUEST = 0x1;
    private const ushort RTA_DST = 1;
    private const ushort RTA_SRC = 2;
    private const ushort RTA_OIF = 4;

    /// <summary>Builds the request.</summary>
    /// <param name="destination">The address to look up.</param>
    /// <param name="source">The source address (same family), or null.</param>
    /// <param name="outputInterface">The output interface index, or null.</param>
    /// <param name="fibMatch">Ask for the matching table entry (RTM_F_FIB_MATCH).</param>
    /// <returns>The whole netlink message.</returns>
    public static byte[] Build(IPAddress destination, IPAddress? source, int? outputInterface, bool fibMatch)
    {
        byte family = destination.AddressFamily == AddressFamily.InterNetwork ? AF_INET : AF_INET6;
        if (source is not null && source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"The source address {source} is not of the destination {destination}'s family.", nameof(source));
        }

        byte[] dst = destination.GetAddressBytes();
        byte[]? src = source?.GetAddressBytes();
        var attributes = new List<(ushort Type, byte[] Value)> { (RTA_DST, dst) };
        if (src is not null)
        {
            attributes.Add((RTA_SRC, src));
        }

        if (outputInterface is int oif)
        {
            byte[] index = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(index, oif);
            attributes.Add((RTA_OIF, index));
        }

        int length = NetlinkMessageEnumerator.HeaderLength + LinuxRouteDecoder.RtmsgLength;
        foreach ((_, byte[] value) in attributes)
        {
            length += (4 + value.Length + 3) & ~3;
        }

        byte[] request = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), LinuxRouteDecoder.GetRoute);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), NLM_F_REQUEST);

        // struct rtmsg { family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; }
        Span<byte> rtmsg = request.AsSpan(NetlinkMessageEnumerator.HeaderLength, LinuxRouteDecoder.RtmsgLength);
        rtmsg[0] = family;
        rtmsg[1] = (byte)(dst.Length * 8);
        rtmsg[2] = (byte)((src?.Length ?? 0) * 8);
        BinaryPrimitives.WriteUInt32LittleEndian(rtmsg.Slice(8), LookupTable | (fibMatch ? FibMatch : 0));

        int offset = NetlinkMessageEnumerator.HeaderLength + LinuxRouteDecoder.RtmsgLength;
        foreach ((ushort type, byte[] value) in attributes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(offset), (ushort)(4 + value.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(offset + 2), type);
            value.CopyTo(request.AsSpan(offset + 4));
            offset += (4 + value.Length + 3) & ~3;
        }

        return request;
    }
}
