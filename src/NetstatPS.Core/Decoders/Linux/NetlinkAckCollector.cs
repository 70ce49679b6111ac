using System;
using System.Buffers.Binary;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// The receive side of a netlink command sent with NLM_F_ACK (SOCK_DESTROY): fed one datagram at a
/// time, it skips messages of other requests and stops at the NLMSG_ERROR answering this one, whose
/// error is 0 for the acknowledgement or a negative errno. Pure, so it is tested without a socket.
/// </summary>
internal sealed class NetlinkAckCollector
{
    private readonly uint sequence;
    private readonly uint portId;

    /// <summary>Starts waiting for the acknowledgement of request <paramref name="sequence"/> on port <paramref name="portId"/>.</summary>
    /// <param name="sequence">The request's nlmsg_seq.</param>
    /// <param name="portId">The socket's nl_pid.</param>
    public NetlinkAckCollector(uint sequence, uint portId)
    {
        this.sequence = sequence;
        this.portId = portId;
    }

    /// <summary>The positive errno the kernel answered; 0 for an acknowledgement.</summary>
    public int Error { get; private set; }

    /// <summary>True once the answer arrived.</summary>
    public bool IsDone { get; private set; }

    /// <summary>Takes one datagram.</summary>
    /// <param name="datagram">What recv returned.</param>
    /// <returns>True while the answer is still expected.</returns>
    /// <exception cref="NetstatDecodeException">A message is malformed.</exception>
    public bool Accept(ReadOnlySpan<byte> datagram)
    {
        var walker = new NetlinkMessageEnumerator(datagram);
        while (walker.MoveNext())
        {
            if (walker.Sequence != this.sequence || walker.PortId != this.portId || walker.Type != NetlinkMessageEnumerator.Error)
            {
                continue;
            }

            // struct nlmsgerr { int error; struct nlmsghdr msg; }: 0 acknowledges, negative is -errno.
            if (walker.Payload.Length < 4)
            {
                throw new NetstatDecodeException($"An NLMSG_ERROR of {walker.Payload.Length} bytes has no error code.");
            }

            int error = BinaryPrimitives.ReadInt32LittleEndian(walker.Payload);
            this.Error = error == int.MinValue ? int.MaxValue : Math.Abs(error);
            this.IsDone = true;
            return false;
        }

        return true;
    }
}
