using System;
using System.Buffers.Binary;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// The receive side of a single netlink request (no NLM_F_DUMP), kept pure so it can be tested without a
/// socket: fed one datagram at a time, it skips messages of other requests (another sequence number or
/// port id) and stops at the first message answering this one — the kernel's answer, or NLMSG_ERROR
/// with a negative errno. An NLMSG_ERROR of 0 is an acknowledgement: it carries no answer, and ends the
/// wait only for a command sent with NLM_F_ACK whose answer it is (SOCK_DESTROY).
/// </summary>
internal sealed class NetlinkAnswerCollector
{
    private readonly uint sequence;
    private readonly uint portId;
    private readonly bool acknowledgementEnds;

    /// <summary>Starts waiting for the answer to request <paramref name="sequence"/> on port <paramref name="portId"/>.</summary>
    /// <param name="sequence">The request's nlmsg_seq.</param>
    /// <param name="portId">The socket's nl_pid.</param>
    /// <param name="acknowledgementEnds">True for a command whose only answer is the acknowledgement (or its error).</param>
    public NetlinkAnswerCollector(uint sequence, uint portId, bool acknowledgementEnds = false)
    {
        this.sequence = sequence;
        this.portId = portId;
        this.acknowledgementEnds = acknowledgementEnds;
    }

    /// <summary>The positive errno of an NLMSG_ERROR answer; 0 when none (and for an acknowledgement).</summary>
    public int Error { get; private set; }

    /// <summary>nlmsg_type of the answer; 0 until one arrived.</summary>
    public ushort Type { get; private set; }

    /// <summary>The answer's payload (after the nlmsghdr); null until one arrived, and for errors.</summary>
    public byte[]? Payload { get; private set; }

    /// <summary>True once the answer (or its error) arrived.</summary>
    public bool IsDone { get; private set; }

    /// <summary>Takes one datagram.</summary>
    /// <param name="datagram">What recv returned.</param>
    /// <returns>True while the answer is still expected.</returns>
    public bool Accept(ReadOnlySpan<byte> datagram)
    {
        var walker = new NetlinkMessageEnumerator(datagram);
        while (walker.MoveNext())
        {
            if (walker.Sequence != this.sequence || walker.PortId != this.portId)
            {
                continue;
            }

            if (walker.Type == NetlinkMessageEnumerator.Error)
            {
                // struct nlmsgerr { int error; struct nlmsghdr msg; }: 0 acknowledges, negative is -errno.
                if (walker.Payload.Length < 4)
                {
                    throw new NetstatDecodeException($"An NLMSG_ERROR of {walker.Payload.Length} bytes has no error code.");
                }

                int error = BinaryPrimitives.ReadInt32LittleEndian(walker.Payload);
                if (error == 0 && !this.acknowledgementEnds)
                {
                    continue;
                }

                this.Error = error == int.MinValue ? int.MaxValue : Math.Abs(error);
                this.Type = walker.Type;
                this.IsDone = true;
                return false;
            }

            // A command waits for its NLMSG_ERROR alone; any other message of its sequence is not its answer.
            if (this.acknowledgementEnds || walker.Type is NetlinkMessageEnumerator.NoOp or NetlinkMessageEnumerator.Done)
            {
                continue;
            }

            this.Type = walker.Type;
            this.Payload = walker.Payload.ToArray();
            this.IsDone = true;
            return false;
        }

        return true;
    }
}
