using System;
using System.Buffers.Binary;
using System.Net;

namespace NetstatPS.Decoders.Linux;

/// <summary>Formats raw addresses (network byte order) as text the way IPAddress prints them.</summary>
internal static class AddressText
{
    /// <summary>Formats a 4-byte IPv4 or 16-byte IPv6 address.</summary>
    /// <param name="address">The address bytes in network order.</param>
    /// <returns>The text.</returns>
    public static string Format(ReadOnlySpan<byte> address)
    {
        if (address.Length == 4)
        {
            // IPAddress(long) takes the address as the in-memory (little-endian) value of the network-order bytes.
            return new IPAddress(BinaryPrimitives.ReadUInt32LittleEndian(address)).ToString();
        }

        if (address.Length == 16)
        {
            return new IPAddress(address.ToArray()).ToString();
        }

        throw new NetstatDecodeException($"An address of {address.Length} bytes is neither IPv4 nor IPv6.");
    }

    /// <summary>The unspecified address of a family ("0.0.0.0" or "::").</summary>
    /// <param name="family">The family.</param>
    /// <returns>The text.</returns>
    public static string Unspecified(IPAddressFamily family) => family == IPAddressFamily.IPv4 ? "0.0.0.0" : "::";
}
