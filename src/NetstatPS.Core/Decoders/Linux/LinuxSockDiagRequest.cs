using System;
using System.Runtime.InteropServices;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Encodes SOCK_DIAG_BY_FAMILY requests: an nlmsghdr, a struct inet_diag_req_v2, and for a filtered
/// dump an INET_DIAG_REQ_BYTECODE attribute holding the program. Pure: the sequence number is left 0
/// for the socket to fill (<see cref="SetSequence"/>).
/// </summary>
internal static unsafe class LinuxSockDiagRequest
{
    private const int AttributeHeaderLength = 4;
    private const int HeaderLength = 16;

    /// <summary>A dump request (NLM_F_REQUEST | NLM_F_DUMP).</summary>
    /// <param name="request">What to dump: family, protocol, extensions, states.</param>
    /// <param name="bytecode">An INET_DIAG_REQ_BYTECODE program (InetDiagBytecodeCompiler), or empty for every socket.</param>
    /// <returns>The whole netlink message.</returns>
    public static byte[] Dump(InetDiagRequestV2 request, ReadOnlySpan<byte> bytecode)
    {
        int length = sizeof(SockDiagRequest);
        if (!bytecode.IsEmpty)
        {
            length += AttributeHeaderLength + ((bytecode.Length + 3) & ~3);
        }

        var message = new SockDiagRequest
        {
            Header = new NetlinkMessageHeader
            {
                Length = (uint)length,
                Type = LinuxSockDiagDecoder.SockDiagByFamily,
                Flags = NetlinkSocket.FlagRequest | NetlinkSocket.FlagDump,
            },
            Request = request,
        };

        byte[] bytes = new byte[length];
        MemoryMarshal.Write(bytes, ref message);
        if (!bytecode.IsEmpty)
        {
            WriteBytecode(bytes.AsSpan(sizeof(SockDiagRequest)), bytecode);
        }

        return bytes;
    }

    /// <summary>
    /// A TCP dump of both families in one request: TCPDIAG_GETSOCK with struct inet_diag_req (v1), which
    /// the kernel answers with sdiag_family AF_UNSPEC, so its walk of the TCP hash tables sends IPv4 and
    /// IPv6 sockets at once instead of walking every socket twice (once per family) as two
    /// SOCK_DIAG_BY_FAMILY dumps do.
    /// </summary>
    /// <param name="extensions">idiag_ext.</param>
    /// <param name="states">idiag_states.</param>
    /// <param name="bytecode">An INET_DIAG_REQ_BYTECODE program compiled for both families, or empty.</param>
    /// <returns>The whole netlink message.</returns>
    public static byte[] DumpBothFamiliesTcp(byte extensions, uint states, ReadOnlySpan<byte> bytecode)
    {
        // struct inet_diag_req: u8 family, src_len, dst_len, ext; struct inet_diag_sockid id (48); u32 states; u32 dbs.
        const int RequestV1Length = 4 + 48 + 4 + 4;
        int length = HeaderLength + RequestV1Length;
        if (!bytecode.IsEmpty)
        {
            length += AttributeHeaderLength + ((bytecode.Length + 3) & ~3);
        }

        byte[] bytes = new byte[length];
        uint messageLength = (uint)length;
        ushort type = LinuxSockDiagDecoder.TcpDiagGetSock;
        ushort flags = NetlinkSocket.FlagRequest | NetlinkSocket.FlagDump;
        MemoryMarshal.Write(bytes, ref messageLength);
        MemoryMarshal.Write(bytes.AsSpan(4), ref type);
        MemoryMarshal.Write(bytes.AsSpan(6), ref flags);
        bytes[HeaderLength + 3] = extensions; // family 0: the kernel sets AF_UNSPEC for this request anyway
        MemoryMarshal.Write(bytes.AsSpan(HeaderLength + 52), ref states);
        if (!bytecode.IsEmpty)
        {
            WriteBytecode(bytes.AsSpan(HeaderLength + RequestV1Length), bytecode);
        }

        return bytes;
    }

    /// <summary>struct nlattr { u16 nla_len; u16 nla_type; } and the program: nla_len counts the header and the program, not the padding.</summary>
    private static void WriteBytecode(Span<byte> attribute, ReadOnlySpan<byte> bytecode)
    {
        ushort attributeLength = checked((ushort)(AttributeHeaderLength + bytecode.Length));
        ushort attributeType = InetDiagBytecodeOp.RequestAttribute;
        MemoryMarshal.Write(attribute, ref attributeLength);
        MemoryMarshal.Write(attribute.Slice(2), ref attributeType);
        bytecode.CopyTo(attribute.Slice(AttributeHeaderLength));
    }

    /// <summary>Writes nlmsg_seq.</summary>
    /// <param name="message">A message from this class.</param>
    /// <param name="sequence">The sequence number.</param>
    public static void SetSequence(byte[] message, uint sequence) => MemoryMarshal.Write(message.AsSpan(8), ref sequence);
}
