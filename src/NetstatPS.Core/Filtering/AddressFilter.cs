using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetstatPS.Filtering;

/// <summary>
/// An address or CIDR prefix given to -LocalAddress / -RemoteAddress ("127.0.0.1", "10.0.0.0/8",
/// "::1", "fe80::/10"). IPv4 filters also match IPv4-mapped IPv6 addresses (::ffff:10.1.2.3), which is
/// how dual-stack sockets show IPv4 peers.
/// </summary>
public sealed class AddressFilter
{
    private readonly byte[] network;
    private readonly int prefixLength;

    private AddressFilter(string text, byte[] network, int prefixLength, AddressFamily family)
    {
        this.Text = text;
        this.network = network;
        this.prefixLength = prefixLength;
        this.Family = family;
    }

    /// <summary>The filter as given.</summary>
    public string Text { get; }

    /// <summary>The filter's address family.</summary>
    public AddressFamily Family { get; }

    /// <summary>The prefix length in bits (32 or 128 for a single address).</summary>
    internal int PrefixLength => this.prefixLength;

    /// <summary>The network's bytes in network order, the bits beyond the prefix cleared (what a kernel filter compares).</summary>
    internal ReadOnlySpan<byte> Network => this.network;

    /// <summary>Parses an address or CIDR prefix.</summary>
    /// <param name="text">The text.</param>
    /// <param name="filter">The filter, when the text is valid.</param>
    /// <param name="error">Why the text is not valid, naming the value and what is allowed.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string? text, out AddressFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        string value = (text ?? string.Empty).Trim();
        string addressPart = value;
        int? prefix = null;
        int slash = value.IndexOf('/');
        if (slash >= 0)
        {
            addressPart = value.Substring(0, slash);
            if (!int.TryParse(value.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                error = Describe(text, "its prefix length is not a number");
                return false;
            }

            prefix = parsed;
        }

        if (!IPAddress.TryParse(addressPart, out IPAddress? address) || !LooksLikeAddress(addressPart))
        {
            error = Describe(text, "it is not an IP address");
            return false;
        }

        int maxBits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int bits = prefix ?? maxBits;
        if (bits < 0 || bits > maxBits)
        {
            error = Describe(text, $"the prefix length must be 0–{maxBits} for this address family");
            return false;
        }

        byte[] bytes = address.GetAddressBytes();
        Mask(bytes, bits);
        filter = new AddressFilter(value, bytes, bits, address.AddressFamily);
        return true;
    }

    /// <summary>Parses an address or CIDR prefix, or throws <see cref="FormatException"/> with a message naming the value.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The filter.</returns>
    public static AddressFilter Parse(string text) =>
        TryParse(text, out AddressFilter? filter, out string? error) ? filter! : throw new FormatException(error);

    /// <summary>True when <paramref name="address"/> lies in this prefix.</summary>
    /// <param name="address">The address to test.</param>
    /// <returns>Whether it matches.</returns>
    public bool IsMatch(IPAddress address)
    {
        if (address.AddressFamily != this.Family)
        {
            if (this.Family == AddressFamily.InterNetwork && address.AddressFamily == AddressFamily.InterNetworkV6 && IsIPv4Mapped(address))
            {
                address = MapToIPv4(address);
            }
            else
            {
                return false;
            }
        }

        byte[] bytes = address.GetAddressBytes();
        int full = this.prefixLength / 8, rest = this.prefixLength % 8;
        for (int i = 0; i < full; i++)
        {
            if (bytes[i] != this.network[i])
            {
                return false;
            }
        }

        if (rest != 0)
        {
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[full] & mask) == this.network[full];
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => this.Text;

    private static string Describe(string? text, string why) =>
        $"'{text}' is not a valid address or prefix: {why}. Use an IPv4 or IPv6 address (192.168.1.10, ::1) or a CIDR prefix (10.0.0.0/8, fe80::/10).";

    // IPAddress.TryParse accepts "1" or "1.2" (inet_aton forms); an administrator typing those meant something else.
    private static bool LooksLikeAddress(string text) =>
        text.IndexOf(':') >= 0 || text.Split('.').Length == 4;

    private static void Mask(byte[] bytes, int bits)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Max(0, Math.Min(8, bits - (i * 8)));
            bytes[i] &= (byte)(0xFF << (8 - keep) & 0xFF);
        }
    }

    private static bool IsIPv4Mapped(IPAddress address)
    {
        byte[] b = address.GetAddressBytes();
        for (int i = 0; i < 10; i++)
        {
            if (b[i] != 0)
            {
                return false;
            }
        }

        return b[10] == 0xFF && b[11] == 0xFF;
    }

    private static IPAddress MapToIPv4(IPAddress address)
    {
        byte[] b = address.GetAddressBytes();
        return new IPAddress(new[] { b[12], b[13], b[14], b[15] });
    }
}
