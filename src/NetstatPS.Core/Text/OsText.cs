using System;
using System.Text;

namespace NetstatPS;

/// <summary>
/// The one way bytes from the operating system (process names, executable and fd link targets, Unix
/// socket paths, user and interface names, cgroup paths, command lines) become strings, without
/// losing any of them. Linux names are bytes, not text: any user can name a process or a file with
/// bytes that are not valid UTF-8.
/// </summary>
/// <remarks>
/// The rule is Python's "surrogateescape" (PEP 383): valid UTF-8 decodes as usual; each byte of an
/// invalid sequence (0x80–0xFF) becomes the lone surrogate U+DC80–U+DCFF (U+DC00 + the byte), which
/// no valid UTF-8 produces. <see cref="GetBytes"/> turns those back into the bytes, so
/// <c>GetBytes(GetString(b))</c> is <c>b</c> for every byte array: a script can match or rebuild the
/// exact name the kernel gave. Nothing is replaced with U+FFFD.
/// </remarks>
public static class OsText
{
    /// <summary>The first surrogate of the escaped bytes: U+DC00 + byte, for bytes 0x80–0xFF.</summary>
    internal const char EscapedByteBase = '\uDC00';

    /// <summary>Decodes bytes from the OS as UTF-8, each byte of an invalid sequence kept as U+DC80–U+DCFF.</summary>
    /// <param name="bytes">The bytes (a name, a path, a line); null gives null.</param>
    /// <returns>The text.</returns>
    public static string? GetString(byte[]? bytes) => bytes is null ? null : Decode(bytes);

    /// <summary>The inverse of <see cref="GetString"/>: the exact bytes the OS gave.</summary>
    /// <param name="text">A string <see cref="GetString"/> returned (any string without unpaired surrogates outside U+DC80–U+DCFF).</param>
    /// <returns>The bytes; null for null.</returns>
    /// <exception cref="ArgumentException">The text holds an unpaired surrogate that no OS byte gives (outside U+DC80–U+DCFF).</exception>
    public static byte[]? GetBytes(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bytes = new byte[text.Length * 3];
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                bytes[n++] = (byte)c;
            }
            else if (c < 0x800)
            {
                bytes[n++] = (byte)(0xC0 | (c >> 6));
                bytes[n++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, text[++i]);
                bytes[n++] = (byte)(0xF0 | (cp >> 18));
                bytes[n++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                bytes[n++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                bytes[n++] = (byte)(0x80 | (cp & 0x3F));
            }
            else if (c >= '\uDC80' && c <= '\uDCFF')
            {
                bytes[n++] = (byte)(c - EscapedByteBase);
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"The text holds the unpaired surrogate U+{(int)c:X4} at index {i}; only U+DC80–U+DCFF stand for bytes.", nameof(text));
            }
            else
            {
                bytes[n++] = (byte)(0xE0 | (c >> 12));
                bytes[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[n++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        Array.Resize(ref bytes, n);
        return bytes;
    }

    /// <summary>Decodes bytes from the OS (see <see cref="GetString"/>).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text; empty for no bytes.</returns>
    internal static unsafe string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        int firstNonAscii = 0;
        while (firstNonAscii < bytes.Length && bytes[firstNonAscii] < 0x80)
        {
            firstNonAscii++;
        }

        fixed (byte* p = bytes)
        {
            if (firstNonAscii == bytes.Length)
            {
                return Encoding.ASCII.GetString(p, bytes.Length);
            }
        }

        // UTF-16 never needs more chars than UTF-8 has bytes (a 4-byte sequence is 2 chars).
        char[] chars = new char[bytes.Length];
        int n = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                chars[n++] = (char)b;
                i++;
                continue;
            }

            int length = SequenceLength(bytes, i);
            switch (length)
            {
                case 2:
                    chars[n++] = (char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
                    break;
                case 3:
                    chars[n++] = (char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
                    break;
                case 4:
                    int cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                    break;
                default:
                    // Not the start of a valid sequence: this one byte is kept as U+DC80–U+DCFF and
                    // decoding restarts at the next byte (so a truncated sequence's own bytes are kept too).
                    chars[n++] = (char)(EscapedByteBase + b);
                    length = 1;
                    break;
            }

            i += length;
        }

        return new string(chars, 0, n);
    }

    /// <summary>
    /// The length of the well-formed UTF-8 sequence starting at <paramref name="at"/> (Unicode table
    /// 3-7: no overlong forms, no encoded surrogates, nothing above U+10FFFF), or 0 if there is none.
    /// </summary>
    private static int SequenceLength(ReadOnlySpan<byte> s, int at)
    {
        byte b = s[at];
        int length;
        byte low = 0x80, high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF)
        {
            length = 2;
        }
        else if (b >= 0xE0 && b <= 0xEF)
        {
            length = 3;
            if (b == 0xE0)
            {
                low = 0xA0;
            }
            else if (b == 0xED)
            {
                high = 0x9F;
            }
        }
        else if (b >= 0xF0 && b <= 0xF4)
        {
            length = 4;
            if (b == 0xF0)
            {
                low = 0x90;
            }
            else if (b == 0xF4)
            {
                high = 0x8F;
            }
        }
        else
        {
            return 0;
        }

        if (at + length > s.Length || s[at + 1] < low || s[at + 1] > high)
        {
            return 0;
        }

        for (int k = 2; k < length; k++)
        {
            if (s[at + k] < 0x80 || s[at + k] > 0xBF)
            {
                return 0;
            }
        }

        return length;
    }
}
