using System;
using System.Buffers.Binary;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Walks a buffer of netlink messages (struct nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid,
/// then the payload, each message padded to 4 bytes — NLMSG_ALIGN). Host byte order (little endian on
/// every platform .NET runs Linux on). Stops at the end of the buffer; a length that runs past it or is
/// shorter than the header throws <see cref="NetstatDecodeException"/>.
/// </summary>
internal ref struct NetlinkMessageEnumerator
{
    /// <summary>sizeof(struct nlmsghdr).</summary>
    public const int HeaderLength = 16;

    /// <summary>NLMSG_NOOP.</summary>
    public const ushort NoOp = 1;

    /// <summary>NLMSG_ERROR.</summary>
    public const ushort Error = 2;

    /// <summary>NLMSG_DONE.</summary>
    public const ushort Done = 3;

    /// <summary>NLMSG_OVERRUN.</summary>
    public const ushort Overrun = 4;

    /// <summary>NLM_F_MULTI: part of a multipart (dump) reply.</summary>
    public const ushort FlagMulti = 0x2;

    /// <summary>NLM_F_DUMP_INTR: the dump was interrupted by a change and may be inconsistent.</summary>
    public const ushort FlagDumpInterrupted = 0x10;

    private readonly ReadOnlySpan<byte> buffer;
    private int next;

    /// <summary>Starts before the first message of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">One or more netlink messages.</param>
    public NetlinkMessageEnumerator(ReadOnlySpan<byte> buffer)
    {
        this.buffer = buffer;
        this.next = 0;
        this.Type = 0;
        this.Flags = 0;
        this.Sequence = 0;
        this.PortId = 0;
        this.Payload = default;
    }

    /// <summary>nlmsg_type of the current message.</summary>
    public ushort Type { get; private set; }

    /// <summary>nlmsg_flags of the current message.</summary>
    public ushort Flags { get; private set; }

    /// <summary>nlmsg_seq of the current message.</summary>
    public uint Sequence { get; private set; }

    /// <summary>nlmsg_pid of the current message.</summary>
    public uint PortId { get; private set; }

    /// <summary>The payload after the header (nlmsg_len - 16 bytes).</summary>
    public ReadOnlySpan<byte> Payload { get; private set; }

    /// <summary>Moves to the next message.</summary>
    /// <returns>False at the end of the buffer.</returns>
    public bool MoveNext()
    {
        int remaining = this.buffer.Length - this.next;
        if (remaining <= 0)
        {
            return false;
        }

        if (remaining < HeaderLength)
        {
            throw new NetstatDecodeException($"Netlink buffer ends with {remaining} bytes, less than a message header.");
        }

        ReadOnlySpan<byte> header = this.buffer.Slice(this.next);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length < HeaderLength || length > (uint)remaining)
        {
            throw new NetstatDecodeException($"Netlink message length {length} at offset {this.next} is outside 16..{remaining}.");
        }

        this.Type = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(4));
        this.Flags = BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(6));
        this.Sequence = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(8));
        this.PortId = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(12));
        this.Payload = header.Slice(HeaderLength, (int)length - HeaderLength);
        int aligned = (int)((length + 3) & ~3u);
        this.next += Math.Min(aligned, remaining);
        return true;
    }
}
