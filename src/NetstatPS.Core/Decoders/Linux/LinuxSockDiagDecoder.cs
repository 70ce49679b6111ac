using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes the replies of a NETLINK_SOCK_DIAG SOCK_DIAG_BY_FAMILY dump: a stream of netlink messages,
/// each struct nlmsghdr (16 bytes) + struct inet_diag_msg (72 bytes) + rtattr attributes, ended by
/// NLMSG_DONE. Strict like ss: messages of other sequence numbers or port ids are skipped, lengths are
/// checked, NLMSG_ERROR and NLM_F_DUMP_INTR are reported to the caller.
/// </summary>
/// <example>
/// One IPv4 TCP listener on 127.0.0.1:8080 (hex, host order little endian):
/// <c>58000000 1400 0200 seq pid | 02 0a 00 00 1f90 0000 7f000001 … | if=0 cookie | expires rqueue=0 wqueue=128 uid inode</c>
/// gives Tcp IPv4 127.0.0.1:8080 0.0.0.0:0 Listen, SendQueue 128 (the backlog).
/// </example>
internal static class LinuxSockDiagDecoder
{
    /// <summary>The <see cref="Connection.Source"/> of rows from this decoder.</summary>
    public const string SourceName = "NetlinkSockDiag";

    /// <summary>NLMSG_NOOP.</summary>
    public const ushort NlmsgNoop = 1;

    /// <summary>NLMSG_ERROR.</summary>
    public const ushort NlmsgError = 2;

    /// <summary>NLMSG_DONE.</summary>
    public const ushort NlmsgDone = 3;

    /// <summary>SOCK_DIAG_BY_FAMILY.</summary>
    public const ushort SockDiagByFamily = 20;

    /// <summary>TCPDIAG_GETSOCK: the older inet_diag request (struct inet_diag_req) whose dump covers IPv4 and IPv6 in one walk; its answers carry this type.</summary>
    public const ushort TcpDiagGetSock = 18;

    /// <summary>NLM_F_DUMP_INTR.</summary>
    public const ushort NlmFDumpIntr = 0x10;

    /// <summary>INET_DIAG_INFO: struct tcp_info.</summary>
    public const ushort InetDiagInfo = 2;

    /// <summary>INET_DIAG_CONG: the congestion control name, NUL-terminated.</summary>
    public const ushort InetDiagCong = 4;

    /// <summary>INET_DIAG_SKMEMINFO: the u32 array of SK_MEMINFO_* values (ss -m).</summary>
    public const ushort InetDiagSkMemInfo = 7;

    /// <summary>sizeof(struct nlmsghdr).</summary>
    public const int HeaderLength = 16;

    /// <summary>sizeof(struct inet_diag_msg).</summary>
    public const int MessageLength = 72;

    private const int AfInet = 2;
    private const int AfInet6 = 10;

    /// <summary>Decodes one received buffer (one or more whole netlink messages), appending rows.</summary>
    /// <param name="buffer">What recv returned.</param>
    /// <param name="sequence">The sequence number of the request; other messages are skipped.</param>
    /// <param name="portId">Our netlink port id; messages for another port are skipped.</param>
    /// <param name="protocol">The protocol the dump asked for (inet_diag_msg does not carry it).</param>
    /// <param name="includeTcpInfo">Decode INET_DIAG_INFO / INET_DIAG_CONG into <see cref="Connection.TcpInfo"/>.</param>
    /// <param name="addresses">The call's address cache.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="includeSocketMemory">Decode INET_DIAG_SKMEMINFO into <see cref="Connection.SocketMemory"/>.</param>
    /// <returns>Whether to receive again, stop, or fail.</returns>
    /// <exception cref="NetstatDecodeException">A message is malformed.</exception>
    public static LinuxSockDiagChunk Decode(
        ReadOnlySpan<byte> buffer,
        uint sequence,
        uint portId,
        TransportProtocol protocol,
        bool includeTcpInfo,
        LinuxAddressCache addresses,
        List<Connection> into,
        bool includeSocketMemory = false)
    {
        bool interrupted = false;
        int offset = 0;
        while (offset < buffer.Length)
        {
            ReadOnlySpan<byte> rest = buffer.Slice(offset);
            if (rest.Length < HeaderLength)
            {
                throw new NetstatDecodeException($"netlink: {rest.Length} trailing bytes at offset {offset}, shorter than a message header");
            }

            uint length = MemoryMarshal.Read<uint>(rest);
            ushort type = MemoryMarshal.Read<ushort>(rest.Slice(4));
            ushort flags = MemoryMarshal.Read<ushort>(rest.Slice(6));
            uint seq = MemoryMarshal.Read<uint>(rest.Slice(8));
            uint pid = MemoryMarshal.Read<uint>(rest.Slice(12));
            if (length < HeaderLength || length > (uint)rest.Length)
            {
                throw new NetstatDecodeException($"netlink: message length {length} at offset {offset} is invalid ({rest.Length} bytes left)");
            }

            ReadOnlySpan<byte> message = rest.Slice(0, (int)length);
            offset += Math.Min((int)((length + 3) & ~3u), rest.Length);

            if (seq != sequence || pid != portId)
            {
                continue;
            }

            if ((flags & NlmFDumpIntr) != 0)
            {
                interrupted = true;
            }

            switch (type)
            {
                case NlmsgDone:
                    // Since Linux 4.x a dump may end with DONE carrying a negative errno.
                    if (message.Length >= HeaderLength + 4 && MemoryMarshal.Read<int>(message.Slice(HeaderLength)) is int done && done < 0)
                    {
                        return new LinuxSockDiagChunk(LinuxSockDiagStatus.Error, -done, interrupted);
                    }

                    return new LinuxSockDiagChunk(LinuxSockDiagStatus.Done, 0, interrupted);
                case NlmsgError:
                    if (message.Length < HeaderLength + 4)
                    {
                        throw new NetstatDecodeException($"netlink: NLMSG_ERROR of {message.Length} bytes is too short");
                    }

                    int error = MemoryMarshal.Read<int>(message.Slice(HeaderLength));
                    return error == 0
                        ? new LinuxSockDiagChunk(LinuxSockDiagStatus.Done, 0, interrupted)
                        : new LinuxSockDiagChunk(LinuxSockDiagStatus.Error, error == int.MinValue ? int.MaxValue : Math.Abs(error), interrupted);
                case SockDiagByFamily:
                case TcpDiagGetSock:
                    DecodeSocket(message.Slice(HeaderLength), protocol, includeTcpInfo, addresses, into, includeSocketMemory);
                    break;
                default:
                    // NLMSG_NOOP and types this dump never sends: nothing to read.
                    break;
            }
        }

        return new LinuxSockDiagChunk(LinuxSockDiagStatus.Continue, 0, interrupted);
    }

    /// <summary>Decodes one struct inet_diag_msg and its attributes.</summary>
    /// <param name="payload">The message without its netlink header.</param>
    /// <param name="protocol">The dump's protocol.</param>
    /// <param name="includeTcpInfo">Decode tcp_info.</param>
    /// <param name="addresses">The address cache.</param>
    /// <param name="into">Where the row goes (rows in states the model does not know are skipped).</param>
    /// <param name="includeSocketMemory">Decode INET_DIAG_SKMEMINFO.</param>
    internal static void DecodeSocket(ReadOnlySpan<byte> payload, TransportProtocol protocol, bool includeTcpInfo, LinuxAddressCache addresses, List<Connection> into, bool includeSocketMemory = false)
    {
        if (payload.Length < MessageLength)
        {
            throw new NetstatDecodeException($"sock_diag: inet_diag_msg of {payload.Length} bytes, expected at least {MessageLength}");
        }

        int family = payload[0];
        int kernelState = payload[1];
        int timer = payload[2];
        int retransmits = payload[3];
        ConnectionState? state = LinuxSocketStates.FromKernel(protocol, kernelState);
        if (state is null)
        {
            return;
        }

        uint ifIndex = MemoryMarshal.Read<uint>(payload.Slice(40));

        // idiag_cookie[2]: cookie[0] the low 32 bits, cookie[1] the high (sock_diag_save_cookie), in host order.
        ulong cookie = MemoryMarshal.Read<uint>(payload.Slice(44)) | ((ulong)MemoryMarshal.Read<uint>(payload.Slice(48)) << 32);
        uint expires = MemoryMarshal.Read<uint>(payload.Slice(52));
        uint rqueue = MemoryMarshal.Read<uint>(payload.Slice(56));
        uint wqueue = MemoryMarshal.Read<uint>(payload.Slice(60));
        uint uid = MemoryMarshal.Read<uint>(payload.Slice(64));
        uint inode = MemoryMarshal.Read<uint>(payload.Slice(68));

        var c = new Connection
        {
            Protocol = protocol,
            LocalPort = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(4)),
            RemotePort = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(6)),
            State = state.Value,
            Source = SourceName,
            ReceiveQueue = rqueue,
            SendQueue = wqueue,
            Inode = inode == 0 ? null : inode,
            InterfaceIndex = ifIndex == 0 ? null : (int)ifIndex,
            SocketCookie = cookie,
            UserId = LinuxSocketStates.IsMiniSocket(kernelState, inode) ? null : (int)uid,
        };

        if (family == AfInet)
        {
            c.AddressFamily = IPAddressFamily.IPv4;
            c.SetLocalIPAddress(addresses.GetIPv4(MemoryMarshal.Read<uint>(payload.Slice(8))));
            c.SetRemoteIPAddress(addresses.GetIPv4(MemoryMarshal.Read<uint>(payload.Slice(24))));
        }
        else if (family == AfInet6)
        {
            c.AddressFamily = IPAddressFamily.IPv6;
            c.SetLocalIPAddress(addresses.GetIPv6(payload.Slice(8, 16), ifIndex));
            c.SetRemoteIPAddress(addresses.GetIPv6(payload.Slice(24, 16), ifIndex));
        }
        else
        {
            throw new NetstatDecodeException($"sock_diag: address family {family} is neither AF_INET nor AF_INET6");
        }

        if (timer != 0)
        {
            c.Timer = LinuxSocketStates.TimerName(timer);
            c.TimerExpiresIn = TimeSpan.FromMilliseconds(expires);
            c.TimerRetransmits = retransmits;
        }

        bool tcpInfo = includeTcpInfo && protocol == TransportProtocol.Tcp;
        if (tcpInfo || includeSocketMemory)
        {
            DecodeAttributes(payload.Slice(MessageLength), c, tcpInfo, includeSocketMemory);
        }

        into.Add(c);
    }

    /// <summary>Reads the attributes after inet_diag_msg into what was asked for; an attribute the kernel did not send leaves its property null (mini sockets carry none).</summary>
    private static void DecodeAttributes(ReadOnlySpan<byte> attributes, Connection c, bool tcpInfo, bool socketMemory)
    {
        ReadOnlySpan<byte> info = default;
        bool hasInfo = false;
        string? congestion = null;
        int offset = 0;
        while (attributes.Length - offset >= 4)
        {
            ReadOnlySpan<byte> rest = attributes.Slice(offset);
            ushort length = MemoryMarshal.Read<ushort>(rest);
            ushort type = (ushort)(MemoryMarshal.Read<ushort>(rest.Slice(2)) & 0x3FFF);
            if (length < 4 || length > rest.Length)
            {
                throw new NetstatDecodeException($"sock_diag: attribute length {length} at offset {offset} is invalid ({rest.Length} bytes left)");
            }

            ReadOnlySpan<byte> value = rest.Slice(4, length - 4);
            if (type == InetDiagInfo)
            {
                info = value;
                hasInfo = true;
            }
            else if (type == InetDiagCong)
            {
                congestion = CongestionName(value);
            }
            else if (type == InetDiagSkMemInfo && socketMemory)
            {
                c.SocketMemory = LinuxSkMemInfoDecoder.Decode(value);
            }

            offset += (length + 3) & ~3;
        }

        if (tcpInfo && hasInfo)
        {
            c.TcpInfo = LinuxTcpInfoDecoder.Decode(info, congestion);
        }
    }

    private static string? CongestionName(ReadOnlySpan<byte> value)
    {
        int end = value.IndexOf((byte)0);
        ReadOnlySpan<byte> name = end >= 0 ? value.Slice(0, end) : value;
        if (name.IsEmpty)
        {
            return null;
        }

        // The handful of algorithm names, interned so rows share one string each.
        if (name.SequenceEqual("cubic"u8))
        {
            return "cubic";
        }

        if (name.SequenceEqual("bbr"u8))
        {
            return "bbr";
        }

        if (name.SequenceEqual("reno"u8))
        {
            return "reno";
        }

        return string.Intern(Encoding.ASCII.GetString(name.ToArray()));
    }
}
