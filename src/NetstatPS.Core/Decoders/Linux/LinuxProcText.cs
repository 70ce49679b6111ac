using System;
using System.Buffers.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Span helpers for the text files of /proc and /sys: lines split on '\n' only, fields on blanks and
/// tabs, numbers with Utf8Parser (no per-field string allocation). Anything malformed throws
/// <see cref="NetstatDecodeException"/>.
/// </summary>
internal static class LinuxProcText
{
    /// <summary>Cuts the next line (without '\n') off <paramref name="rest"/>.</summary>
    /// <param name="rest">The unread text; advanced past the line.</param>
    /// <param name="line">The line.</param>
    /// <returns>False when nothing is left.</returns>
    public static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        if (rest.IsEmpty)
        {
            line = default;
            return false;
        }

        int nl = rest.IndexOf((byte)'\n');
        if (nl < 0)
        {
            line = rest;
            rest = default;
        }
        else
        {
            line = rest.Slice(0, nl);
            rest = rest.Slice(nl + 1);
        }

        return true;
    }

    /// <summary>Cuts the next blank- or tab-separated field off <paramref name="rest"/>.</summary>
    /// <param name="rest">The unread part of the line; advanced past the field.</param>
    /// <param name="field">The field.</param>
    /// <returns>False when only blanks are left.</returns>
    public static bool NextField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        int start = 0;
        while (start < rest.Length && IsBlank(rest[start]))
        {
            start++;
        }

        int end = start;
        while (end < rest.Length && !IsBlank(rest[end]))
        {
            end++;
        }

        field = rest.Slice(start, end - start);
        rest = rest.Slice(end);
        return !field.IsEmpty;
    }

    /// <summary>True when the line holds only blanks.</summary>
    /// <param name="line">The line.</param>
    /// <returns>Whether it is blank.</returns>
    public static bool IsBlankLine(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (!IsBlank(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a whole field as an unsigned decimal number.</summary>
    /// <param name="field">The field.</param>
    /// <param name="what">What the number is, for the error message.</param>
    /// <returns>The number.</returns>
    public static ulong ParseUInt64(ReadOnlySpan<byte> field, string what)
    {
        if (Utf8Parser.TryParse(field, out ulong value, out int used) && used == field.Length)
        {
            return value;
        }

        throw new NetstatDecodeException($"{what}: '{Text(field)}' is not an unsigned number.");
    }

    /// <summary>Parses a whole field as a signed decimal number.</summary>
    /// <param name="field">The field.</param>
    /// <param name="what">What the number is, for the error message.</param>
    /// <returns>The number.</returns>
    public static long ParseInt64(ReadOnlySpan<byte> field, string what)
    {
        if (Utf8Parser.TryParse(field, out long value, out int used) && used == field.Length)
        {
            return value;
        }

        throw new NetstatDecodeException($"{what}: '{Text(field)}' is not a number.");
    }

    /// <summary>Parses a whole field as hexadecimal (no 0x prefix), at most 16 digits.</summary>
    /// <param name="field">The field.</param>
    /// <param name="what">What the number is, for the error message.</param>
    /// <returns>The number.</returns>
    public static ulong ParseHex(ReadOnlySpan<byte> field, string what)
    {
        if (field.Length > 0 && field.Length <= 16 && Utf8Parser.TryParse(field, out ulong value, out int used, 'X') && used == field.Length)
        {
            return value;
        }

        throw new NetstatDecodeException($"{what}: '{Text(field)}' is not a hexadecimal number.");
    }

    /// <summary>Parses 2·n hex digits into n bytes (the address format of /proc/net/ipv6_route).</summary>
    /// <param name="field">The hex digits.</param>
    /// <param name="into">The bytes; its length sets how many digits are expected.</param>
    /// <param name="what">What the field is, for the error message.</param>
    public static void ParseHexBytes(ReadOnlySpan<byte> field, Span<byte> into, string what)
    {
        if (field.Length != into.Length * 2)
        {
            throw new NetstatDecodeException($"{what}: '{Text(field)}' is not {into.Length * 2} hex digits.");
        }

        for (int i = 0; i < into.Length; i++)
        {
            into[i] = (byte)((Nibble(field[2 * i], what) << 4) | Nibble(field[(2 * i) + 1], what));
        }
    }

    /// <summary>The field as text, decoded without loss by <see cref="OsText"/> (invalid UTF-8 kept as U+DC80–U+DCFF, never replaced or thrown).</summary>
    /// <param name="field">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Text(ReadOnlySpan<byte> field) => OsText.Decode(field);

    private static int Nibble(byte c, string what) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => throw new NetstatDecodeException($"{what}: '{(char)c}' is not a hex digit."),
    };

    private static bool IsBlank(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r';
}
