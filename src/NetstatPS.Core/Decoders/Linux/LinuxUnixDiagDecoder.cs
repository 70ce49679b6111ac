using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes the reply of a NETLINK_SOCK_DIAG dump of AF_UNIX sockets (linux/unix_diag.h): netlink
/// messages of struct unix_diag_msg (16 bytes: u8 family, u8 type, u8 state, u8 pad, u32 inode,
/// u32 cookie[2]) followed by the attributes the request's udiag_show asked for: UNIX_DIAG_NAME (the
/// sun_path bytes), UNIX_DIAG_PEER (u32 peer inode), UNIX_DIAG_RQLEN (u32 rqueue, u32 wqueue) and
/// UNIX_DIAG_UID (u32, Linux 5.3+).
/// </summary>
/// <example>
/// A listening stream socket bound to /run/x.sock: <c>01 01 0a 00 | ino | cookie | NAME "/run/x.sock\0" | RQLEN 0, 128 | UID 0</c>
/// gives Unix u_str "/run/x.sock" Listen, ReceiveQueue 0 (connections waiting), SendQueue 128 (the backlog).
/// </example>
internal static class LinuxUnixDiagDecoder
{
    /// <summary>AF_UNIX.</summary>
    public const byte AfUnix = 1;

    /// <summary>sizeof(struct unix_diag_msg).</summary>
    public const int MessageLength = 16;

    /// <summary>sizeof(struct unix_diag_req).</summary>
    public const int RequestLength = 24;

    /// <summary>UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID: what NetstatPS asks for.</summary>
    public const uint Show = 0x01 | 0x04 | 0x10 | 0x40;

    /// <summary>Every state a Unix socket can be in: TCP_ESTABLISHED, TCP_CLOSE, TCP_LISTEN.</summary>
    public const uint AllStates = (1u << LinuxSocketStates.Established) | (1u << LinuxSocketStates.Close) | (1u << LinuxSocketStates.Listen);

    private const ushort AttributeName = 0;
    private const ushort AttributePeer = 2;
    private const ushort AttributeQueues = 4;
    private const ushort AttributeUid = 7;

    // UDIAG_SHOW_MEMINFO and UNIX_DIAG_MEMINFO: the same SK_MEMINFO_* array inet_diag sends (ss -xm).
    private const uint ShowMemInfo = 0x20;
    private const ushort AttributeMemInfo = 5;

    /// <summary>struct unix_diag_req for a dump of every Unix socket in <paramref name="states"/>.</summary>
    /// <param name="states">udiag_states: bit (1 &lt;&lt; TCP_x) per state wanted.</param>
    /// <param name="socketMemory">Also ask for UNIX_DIAG_MEMINFO (-IncludeSocketMemory).</param>
    /// <returns>The 24 request bytes (family AF_UNIX, protocol 0, no inode, <see cref="Show"/>, no cookie).</returns>
    public static byte[] RequestHeader(uint states, bool socketMemory = false)
    {
        byte[] request = new byte[RequestLength];
        request[0] = AfUnix;
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), states);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(12), socketMemory ? Show | ShowMemInfo : Show);
        return request;
    }

    /// <summary>Decodes a whole reply (the messages of one dump, NLMSG_DONE last), appending one row per socket.</summary>
    /// <param name="reply">The reply's messages (as <c>NetlinkSocket.Dump</c> returns them).</param>
    /// <param name="into">Where rows go; sockets of a type or state Unix sockets do not have are skipped.</param>
    /// <param name="socketMemory">Decode UNIX_DIAG_MEMINFO into <see cref="Connection.SocketMemory"/>.</param>
    /// <exception cref="NetstatDecodeException">A message or attribute is malformed.</exception>
    public static void Decode(ReadOnlySpan<byte> reply, List<Connection> into, bool socketMemory = false)
    {
        var messages = new NetlinkMessageEnumerator(reply);
        while (messages.MoveNext())
        {
            if (messages.Type == NetlinkMessageEnumerator.Done)
            {
                return;
            }

            if (messages.Type == LinuxSockDiagDecoder.SockDiagByFamily)
            {
                DecodeSocket(messages.Payload, into, socketMemory);
            }
        }
    }

    /// <summary>Decodes one struct unix_diag_msg and its attributes.</summary>
    /// <param name="payload">The message without its netlink header.</param>
    /// <param name="into">Where the row goes.</param>
    /// <param name="socketMemory">Decode UNIX_DIAG_MEMINFO.</param>
    /// <exception cref="NetstatDecodeException">The message is malformed.</exception>
    internal static void DecodeSocket(ReadOnlySpan<byte> payload, List<Connection> into, bool socketMemory = false)
    {
        if (payload.Length < MessageLength)
        {
            throw new NetstatDecodeException($"unix_diag: unix_diag_msg of {payload.Length} bytes, expected at least {MessageLength}");
        }

        if (payload[0] != AfUnix)
        {
            throw new NetstatDecodeException($"unix_diag: address family {payload[0]} is not AF_UNIX");
        }

        SocketType? type = TypeOf(payload[1]);
        ConnectionState? state = type is SocketType t ? LinuxSocketStates.FromUnixKernel(payload[2], t) : null;
        uint inode = BinaryPrimitives.ReadUInt32LittleEndian(payload.Slice(4));

        string? name = null;
        long? peer = null;
        uint? receiveQueue = null, sendQueue = null, uid = null;
        SocketMemory? memory = null;
        var attributes = new NetlinkAttributeEnumerator(payload.Slice(MessageLength));
        while (attributes.MoveNext())
        {
            ReadOnlySpan<byte> value = attributes.Value;
            switch (attributes.Type)
            {
                case AttributeName:
                    name = Name(value);
                    break;
                case AttributePeer:
                    uint peerInode = U32(value, "UNIX_DIAG_PEER");
                    peer = peerInode == 0 ? null : peerInode;
                    break;
                case AttributeQueues:
                    // struct unix_diag_rqlen: for a listener the connections waiting and the backlog
                    // limit, otherwise the bytes queued to read and to send (what ss shows as Recv-Q, Send-Q).
                    receiveQueue = U32(value, "UNIX_DIAG_RQLEN");
                    sendQueue = U32(value.Length >= 8 ? value.Slice(4) : default, "UNIX_DIAG_RQLEN");
                    break;
                case AttributeUid:
                    uid = U32(value, "UNIX_DIAG_UID");
                    break;
                case AttributeMemInfo when socketMemory:
                    memory = LinuxSkMemInfoDecoder.Decode(value);
                    break;
            }
        }

        if (type is null || state is null)
        {
            // SOCK_RAW/SOCK_RDM do not exist for AF_UNIX and Unix sockets have no other states: nothing to show.
            return;
        }

        into.Add(new Connection
        {
            Protocol = TransportProtocol.Unix,
            State = state.Value,
            Source = LinuxSockDiagDecoder.SourceName,
            Inode = inode == 0 ? null : inode,
            ReceiveQueue = receiveQueue,
            SendQueue = sendQueue,
            UserId = uid is uint u ? (int)u : null,
            Unix = new UnixSocketDetail(type.Value, name, peer),
            SocketMemory = memory,
        });
    }

    /// <summary>
    /// A socket's name as ss and /proc/net/unix print it: a path up to its terminating NUL, or for the
    /// abstract namespace (first byte NUL) @ followed by the name with every NUL shown as @. Null when
    /// the socket is unnamed.
    /// </summary>
    /// <param name="sunPath">The sun_path bytes the kernel reports (UNIX_DIAG_NAME).</param>
    /// <returns>The name, or null.</returns>
    internal static string? Name(ReadOnlySpan<byte> sunPath)
    {
        if (sunPath.IsEmpty)
        {
            return null;
        }

        if (sunPath[0] != 0)
        {
            int end = sunPath.IndexOf((byte)0);
            return OsText.Decode(end >= 0 ? sunPath.Slice(0, end) : sunPath);
        }

        byte[] abstractName = sunPath.ToArray();
        for (int i = 0; i < abstractName.Length; i++)
        {
            if (abstractName[i] == 0)
            {
                abstractName[i] = (byte)'@';
            }
        }

        return OsText.Decode(abstractName);
    }

    /// <summary>SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET (Linux's numbers on every architecture .NET runs on, equal to <see cref="SocketType"/>'s).</summary>
    /// <param name="kernelType">sk_type.</param>
    /// <returns>The type, or null for any other.</returns>
    internal static SocketType? TypeOf(int kernelType) => kernelType switch
    {
        1 => SocketType.Stream,
        2 => SocketType.Dgram,
        5 => SocketType.Seqpacket,
        _ => null,
    };

    private static uint U32(ReadOnlySpan<byte> value, string what)
    {
        if (value.Length < 4)
        {
            throw new NetstatDecodeException($"unix_diag: {what} of {value.Length} bytes is too short");
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(value);
    }
}
