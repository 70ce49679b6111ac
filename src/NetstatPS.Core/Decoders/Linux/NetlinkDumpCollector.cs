using System;
using System.Buffers.Binary;
using System.IO;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// The strict part of a netlink dump loop, kept pure so it can be tested without a socket: fed one
/// received datagram at a time, it keeps only messages carrying the request's sequence number and the
/// socket's port id (stale answers to earlier requests are dropped), stops at NLMSG_DONE, fails on an
/// NLMSG_ERROR with a non-zero error, and remembers whether any message was flagged NLM_F_DUMP_INTR.
/// </summary>
internal sealed class NetlinkDumpCollector
{
    private readonly uint sequence;
    private readonly uint portId;
    private readonly MemoryStream messages = new();

    /// <summary>Starts collecting the reply to request <paramref name="sequence"/> on port <paramref name="portId"/>.</summary>
    /// <param name="sequence">The request's nlmsg_seq.</param>
    /// <param name="portId">The socket's nl_pid.</param>
    public NetlinkDumpCollector(uint sequence, uint portId)
    {
        this.sequence = sequence;
        this.portId = portId;
    }

    /// <summary>True once NLMSG_DONE was seen.</summary>
    public bool IsDone { get; private set; }

    /// <summary>The positive errno of an NLMSG_ERROR answer; 0 when none.</summary>
    public int Error { get; private set; }

    /// <summary>True when a message of the dump carried NLM_F_DUMP_INTR (the table changed during the dump).</summary>
    public bool Interrupted { get; private set; }

    /// <summary>The kept messages (each 4-byte aligned), up to and including NLMSG_DONE.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => this.messages.ToArray();

    /// <summary>Takes one datagram.</summary>
    /// <param name="datagram">What recv returned.</param>
    /// <returns>True while more datagrams are expected (neither DONE nor an error yet).</returns>
    public bool Accept(ReadOnlySpan<byte> datagram)
    {
        var walker = new NetlinkMessageEnumerator(datagram);
        int offset = 0;
        while (walker.MoveNext())
        {
            int length = NetlinkMessageEnumerator.HeaderLength + walker.Payload.Length;
            int start = offset;
            offset += (length + 3) & ~3;
            if (walker.Sequence != this.sequence || walker.PortId != this.portId)
            {
                continue;
            }

            if ((walker.Flags & NetlinkMessageEnumerator.FlagDumpInterrupted) != 0)
            {
                this.Interrupted = true;
            }

            if (walker.Type == NetlinkMessageEnumerator.Error)
            {
                // struct nlmsgerr { int error; struct nlmsghdr msg; }: 0 is an ACK, negative an errno.
                int error = walker.Payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(walker.Payload) : -5;
                if (error != 0)
                {
                    this.Error = -error;
                    return false;
                }

                continue;
            }

            byte[] copy = datagram.Slice(start, length).ToArray();
            this.messages.Write(copy, 0, copy.Length);
            int pad = ((length + 3) & ~3) - length;
            for (int i = 0; i < pad; i++)
            {
                this.messages.WriteByte(0);
            }

            if (walker.Type == NetlinkMessageEnumerator.Done)
            {
                this.IsDone = true;
                return false;
            }
        }

        return true;
    }
}
