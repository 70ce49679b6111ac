using System;
using System.Buffers.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/if_inet6 into the link-local address → interface index table.
/// </summary>
/// <example>
/// <c>fe800000000000000000000000000001 03 40 20 80   dummy0</c> (address, ifindex, prefix length, scope,
/// flags, name; all hex) gives fe80::1 → 3.
/// </example>
internal static class LinuxIfInet6Decoder
{
    /// <summary>Decodes the whole file.</summary>
    /// <param name="text">The file's bytes.</param>
    /// <returns>The link-local addresses and their interfaces.</returns>
    /// <exception cref="NetstatDecodeException">A line is malformed.</exception>
    public static LinuxLinkLocalScopes Decode(ReadOnlySpan<byte> text)
    {
        var table = new LinuxLinkLocalScopes();
        Span<byte> address = stackalloc byte[16];
        while (!text.IsEmpty)
        {
            int newline = text.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline >= 0 ? text.Slice(0, newline) : text;
            text = newline >= 0 ? text.Slice(newline + 1) : default;
            line = LinuxProcNetDecoder.TrimSpaces(line);
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.Length < 35 || line[32] != (byte)' ')
            {
                throw new NetstatDecodeException("if_inet6: line does not start with a 32-digit address and an index");
            }

            for (int i = 0; i < 16; i++)
            {
                if (!Utf8Parser.TryParse(line.Slice(i * 2, 2), out byte b, out int used, 'x') || used != 2)
                {
                    throw new NetstatDecodeException("if_inet6: address is not hexadecimal");
                }

                address[i] = b;
            }

            ReadOnlySpan<byte> index = LinuxProcNetDecoder.TrimSpaces(line.Slice(33));
            if (!Utf8Parser.TryParse(index, out uint ifIndex, out int consumed, 'x') || consumed == 0 || ifIndex > int.MaxValue)
            {
                throw new NetstatDecodeException("if_inet6: interface index is not hexadecimal");
            }

            if (LinuxAddressCache.IsLinkLocal(address))
            {
                table.Add(address, (int)ifIndex);
            }
        }

        return table;
    }
}
