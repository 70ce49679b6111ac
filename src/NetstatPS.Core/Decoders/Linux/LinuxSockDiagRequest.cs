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
            // struct nlattr { u16 nla_len; u16 nla_type; }: nla_len counts the header and the program, not the padding.
            Span<byte> attribute = bytes.AsSpan(sizeof(SockDiagRequest));
            ushort attributeLength = checked((ushort)(AttributeHeaderLength + bytecode.Length));
            ushort attributeType = InetDiagBytecodeOp.RequestAttribute;
            MemoryMarshal.Write(attribute, ref attributeLength);
            MemoryMarshal.Write(attribute.Slice(2), ref attributeType);
            bytecode.CopyTo(attribute.Slice(AttributeHeaderLength));
        }

        return bytes;
    }

    /// <summary>Writes nlmsg_seq.</summary>
    /// <param name="message">A message from this class.</param>
    /// <param name="sequence">The sequence number.</param>
    public static void SetSequence(byte[] message, uint sequence) => MemoryMarshal.Write(message.AsSpan(8), ref sequence);
}
