using System;
using System.Text;

namespace NetstatPS;

/// <summary>
/// The one escaping rule every view, warning and error uses for text another user can choose (process
/// names, paths, user names, Unix socket paths, host names, interface names): nothing in it can move
/// the cursor, retitle the window, erase or forge a row, or reorder the text around it.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>C0 controls: <c>\0 \a \b \t \n \v \f \r \e</c> (NUL, BEL, BS, HT, LF, VT, FF, CR, ESC), the rest <c>\x01</c> … <c>\x1f</c>; DEL is <c>\x7f</c>.</item>
/// <item>C1 controls U+0080–U+009F (CSI is U+009B): <c>\u0080</c> … <c>\u009f</c>.</item>
/// <item>Bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, and the line and paragraph separators U+2028, U+2029: <c>\u202e</c> and so on.</item>
/// <item>A byte that was not valid UTF-8 (kept by <see cref="OsText"/> as U+DC80–U+DCFF): that byte, <c>\x80</c> … <c>\xff</c>. So <c>\xHH</c> is always a byte and <c>\uHHHH</c> a character: a C1 character (valid UTF-8 C2 9B) reads <c>\u009b</c>, the lone byte 9B reads <c>\x9b</c>. Any other unpaired surrogate (possible in Windows names): <c>\ud800</c>.</item>
/// <item>A backslash is doubled (<c>\\</c>) where it would otherwise be read as the start of one of these escapes: before another backslash, before an escaped character, before one of <c>0 a b t n v f r e</c>, before <c>x</c> and two hex digits or <c>u</c> and four. Elsewhere it is shown as it is, so <c>C:\Windows\System32</c> and <c>DOMAIN\user</c> read as usual.</item>
/// </list>
/// Everything else, including valid non-ASCII text, is shown unchanged. Text that needs no escape is
/// returned as the same instance (no allocation), which is nearly every name.
/// </remarks>
public static class DisplayText
{
    /// <summary>The character that ends a value cut by <see cref="Escape(string, int)"/>.</summary>
    public const char Ellipsis = '\u2026';

    /// <summary>The text with every control, bidi and undecodable character shown as an escape.</summary>
    /// <param name="text">The raw value; null gives null.</param>
    /// <returns>The escaped text: the same instance when nothing needed escaping.</returns>
    public static string? Escape(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int first = FirstToEscape(text);
        return first < 0 ? text : EscapeFrom(text, first);
    }

    /// <summary>As <see cref="Escape(string)"/>, then cut to at most <paramref name="maxLength"/> characters, the last being <see cref="Ellipsis"/> (for long values such as command lines in views).</summary>
    /// <param name="text">The raw value; null gives null.</param>
    /// <param name="maxLength">The longest result, at least 1.</param>
    /// <returns>The escaped, possibly cut, text.</returns>
    public static string? Escape(string? text, int maxLength)
    {
        if (maxLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The length must be at least 1.");
        }

        string? escaped = Escape(text);
        if (escaped is null || escaped.Length <= maxLength)
        {
            return escaped;
        }

        int keep = maxLength - 1;
        if (keep > 0 && char.IsHighSurrogate(escaped[keep - 1]))
        {
            keep--; // never split a surrogate pair
        }

        return escaped.Substring(0, keep) + Ellipsis;
    }

    /// <summary>True when <see cref="Escape(string)"/> would change the text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether it holds anything to escape.</returns>
    public static bool NeedsEscape(string? text) => text is not null && FirstToEscape(text) >= 0;

    private static int FirstToEscape(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= 0x20 && c < 0x7F && c != '\\')
            {
                continue; // printable ASCII: the common case
            }

            if (c == '\\' ? BackslashNeedsDoubling(text, i) : IsEscaped(text, i))
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                i++; // the low half of a valid pair (IsEscaped said it is paired)
            }
        }

        return -1;
    }

    private static string EscapeFrom(string text, int first)
    {
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                sb.Append(BackslashNeedsDoubling(text, i) ? @"\\" : @"\");
            }
            else if (!IsEscaped(text, i))
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c))
                {
                    sb.Append(text[++i]);
                }
            }
            else
            {
                AppendEscape(sb, c);
            }
        }

        return sb.ToString();
    }

    private static void AppendEscape(StringBuilder sb, char c)
    {
        string? named = c switch
        {
            '\0' => @"\0",
            '\a' => @"\a",
            '\b' => @"\b",
            '\t' => @"\t",
            '\n' => @"\n",
            '\v' => @"\v",
            '\f' => @"\f",
            '\r' => @"\r",
            '\u001B' => @"\e",
            _ => null,
        };
        if (named is not null)
        {
            sb.Append(named);
        }
        else if (c < 0x80)
        {
            sb.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (c >= '\uDC80' && c <= '\uDCFF')
        {
            sb.Append(@"\x").Append((c - OsText.EscapedByteBase).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Whether the character at <paramref name="i"/> (not a backslash) is shown as an escape.</summary>
    private static bool IsEscaped(string text, int i)
    {
        char c = text[i];
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        {
            return true;
        }

        if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c); // a low half not preceded by its high half (pairs are skipped as a whole)
    }

    /// <summary>Whether the backslash at <paramref name="i"/> must be doubled so it is not read as the start of an escape.</summary>
    private static bool BackslashNeedsDoubling(string text, int i)
    {
        if (i + 1 >= text.Length)
        {
            return false;
        }

        char next = text[i + 1];
        switch (next)
        {
            case '\\':
            case '0':
            case 'a':
            case 'b':
            case 't':
            case 'n':
            case 'v':
            case 'f':
            case 'r':
            case 'e':
                return true;
            case 'x':
                return HexDigitsFollow(text, i + 2, 2);
            case 'u':
                return HexDigitsFollow(text, i + 2, 4);
            default:
                return IsEscaped(text, i + 1);
        }
    }

    private static bool HexDigitsFollow(string text, int at, int count)
    {
        if (at + count > text.Length)
        {
            return false;
        }

        for (int k = at; k < at + count; k++)
        {
            char h = text[k];
            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
            {
                return false;
            }
        }

        return true;
    }
}
