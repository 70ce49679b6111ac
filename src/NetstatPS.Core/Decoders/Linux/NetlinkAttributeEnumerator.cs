using System;
using System.Buffers.Binary;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Walks route attributes (struct rtattr / struct nlattr: u16 len, u16 type, value, padded to 4 bytes —
/// RTA_ALIGN). The type is returned without the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits. An attribute
/// whose length is shorter than its header or runs past the buffer throws <see cref="NetstatDecodeException"/>.
/// </summary>
internal ref struct NetlinkAttributeEnumerator
{
    private const int HeaderLength = 4;
    private const ushort TypeMask = 0x3FFF;

    private readonly ReadOnlySpan<byte> buffer;
    private int next;

    /// <summary>Starts before the first attribute of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The attributes (what follows the family header of a message).</param>
    public NetlinkAttributeEnumerator(ReadOnlySpan<byte> buffer)
    {
        this.buffer = buffer;
        this.next = 0;
        this.Type = 0;
        this.Value = default;
    }

    /// <summary>The attribute type (RTA_*, IFLA_*, RTAX_*).</summary>
    public ushort Type { get; private set; }

    /// <summary>The attribute value, without padding.</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>Moves to the next attribute.</summary>
    /// <returns>False at the end of the buffer.</returns>
    public bool MoveNext()
    {
        int remaining = this.buffer.Length - this.next;
        if (remaining < HeaderLength)
        {
            // Fewer than 4 bytes left is trailing padding (the kernel pads the message, not the attribute list).
            for (int i = this.next; i < this.buffer.Length; i++)
            {
                if (this.buffer[i] != 0)
                {
                    throw new NetstatDecodeException($"Netlink attributes end with {remaining} non-padding bytes.");
                }
            }

            return false;
        }

        ReadOnlySpan<byte> at = this.buffer.Slice(this.next);
        ushort length = BinaryPrimitives.ReadUInt16LittleEndian(at);
        if (length < HeaderLength || length > remaining)
        {
            throw new NetstatDecodeException($"Netlink attribute length {length} at offset {this.next} is outside 4..{remaining}.");
        }

        this.Type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(at.Slice(2)) & TypeMask);
        this.Value = at.Slice(HeaderLength, length - HeaderLength);
        this.next += Math.Min((length + 3) & ~3, remaining);
        return true;
    }
}
