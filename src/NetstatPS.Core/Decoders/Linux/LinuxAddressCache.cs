using System;
using System.Net;
using System.Runtime.InteropServices;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Hands out one <see cref="IPAddress"/> per distinct address within one call, so a table of 200k
/// rows over a few addresses does not allocate 400k address objects. Direct-mapped (a colliding
/// address replaces the slot's previous one): constant memory, no per-lookup allocation.
/// </summary>
internal sealed class LinuxAddressCache
{
    private const int SlotBits = 10;
    private const int Slots = 1 << SlotBits;

    private readonly uint[] v4Keys = new uint[Slots];
    private readonly IPAddress?[] v4Values = new IPAddress?[Slots];
    private readonly ulong[] v6High = new ulong[Slots];
    private readonly ulong[] v6Low = new ulong[Slots];
    private readonly long[] v6Scope = new long[Slots];
    private readonly IPAddress?[] v6Values = new IPAddress?[Slots];

    /// <summary>True when the 16 bytes are an IPv6 link-local unicast address (fe80::/10), whose text needs a %scope.</summary>
    /// <param name="address">16 bytes in network order.</param>
    /// <returns>Whether the address is link-local.</returns>
    public static bool IsLinkLocal(ReadOnlySpan<byte> address) => address[0] == 0xFE && (address[1] & 0xC0) == 0x80;

    /// <summary>The IPv4 address whose 4 bytes, in network order, read as <paramref name="bits"/> in host order.</summary>
    /// <param name="bits">The address bits as they lie in memory (what IPAddress(long) expects).</param>
    /// <returns>A shared instance.</returns>
    public IPAddress GetIPv4(uint bits)
    {
        if (bits == 0)
        {
            return IPAddress.Any;
        }

        int slot = (int)((bits * 2654435761u) >> (32 - SlotBits));
        IPAddress? hit = this.v4Values[slot];
        if (hit is not null && this.v4Keys[slot] == bits)
        {
            return hit;
        }

        var created = new IPAddress(bits);
        this.v4Keys[slot] = bits;
        this.v4Values[slot] = created;
        return created;
    }

    /// <summary>The IPv6 address of 16 network-order bytes, with <paramref name="scopeId"/> when it is link-local.</summary>
    /// <param name="address">Exactly 16 bytes.</param>
    /// <param name="scopeId">Interface index for a link-local address; ignored (0) otherwise.</param>
    /// <returns>A shared instance.</returns>
    public IPAddress GetIPv6(ReadOnlySpan<byte> address, long scopeId)
    {
        ulong high = MemoryMarshal.Read<ulong>(address);
        ulong low = MemoryMarshal.Read<ulong>(address.Slice(8));
        if (!IsLinkLocal(address))
        {
            scopeId = 0;
        }

        if ((high | low) == 0 && scopeId == 0)
        {
            return IPAddress.IPv6Any;
        }

        ulong mix = (high * 0x9E3779B97F4A7C15UL) ^ (low * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)scopeId;
        int slot = (int)((mix ^ (mix >> 29)) & (Slots - 1));
        IPAddress? hit = this.v6Values[slot];
        if (hit is not null && this.v6High[slot] == high && this.v6Low[slot] == low && this.v6Scope[slot] == scopeId)
        {
            return hit;
        }

        var created = new IPAddress(address.ToArray(), scopeId);
        this.v6High[slot] = high;
        this.v6Low[slot] = low;
        this.v6Scope[slot] = scopeId;
        this.v6Values[slot] = created;
        return created;
    }
}
