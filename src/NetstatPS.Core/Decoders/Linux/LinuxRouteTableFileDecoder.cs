using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes an iproute2 rt_tables file (/etc/iproute2/rt_tables, rt_tables.d/*.conf): one "number name"
/// pair a line, the number decimal or 0x-hex, '#' starting a comment line, blank lines ignored. Pure:
/// bytes in, pairs out, in file order.
/// </summary>
/// <remarks>
/// Read the way iproute2's lib/rt_names.c reads it, so a name means here what it means to ip: text after
/// the name is ignored ("100 blue # lab"), a negative number skips the line, and a line that is not a
/// pair ends the file there (ip stops with "Database … is corrupted"), keeping the pairs before it.
/// Numbers above 4294967295 are skipped too (a table id is a u32).
/// </remarks>
internal static class LinuxRouteTableFileDecoder
{
    /// <summary>Appends the file's pairs to <paramref name="into"/>.</summary>
    /// <param name="text">The file's bytes (UTF-8).</param>
    /// <param name="into">Where pairs go.</param>
    /// <returns>False when a corrupt line ended the file early.</returns>
    public static bool Decode(ReadOnlySpan<byte> text, List<RouteTableName> into)
    {
        string all = OsText.Decode(text);
        foreach (string raw in all.Split('\n'))
        {
            string line = raw.TrimStart(' ', '\t').TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || line[0] == '\0')
            {
                continue;
            }

            if (!TryPair(line, out long id, out string name))
            {
                return false;
            }

            if (id >= 0 && id <= uint.MaxValue)
            {
                into.Add(new RouteTableName(id, name));
            }
        }

        return true;
    }

    private static bool TryPair(string line, out long id, out string name)
    {
        id = 0;
        name = string.Empty;
        int i = 0;
        bool hex = line.Length > 2 && line[0] == '0' && (line[1] == 'x' || line[1] == 'X');
        if (hex)
        {
            i = 2;
        }
        else if (line[0] is '-' or '+')
        {
            i = 1;
        }

        int digitsStart = i;
        while (i < line.Length && (hex ? Uri.IsHexDigit(line[i]) : line[i] is >= '0' and <= '9'))
        {
            i++;
        }

        if (i == digitsStart)
        {
            return false;
        }

        string digits = line.Substring(digitsStart, i - digitsStart);
        if (!long.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            id = long.MaxValue; // too long for any table id: skipped like a number out of range
        }
        else if (line[0] == '-')
        {
            id = -id;
        }

        // The name is the next whitespace-delimited word; scanf's "%d %s" lets it follow the number directly.
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }

        int nameStart = i;
        while (i < line.Length && !char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i == nameStart)
        {
            return false;
        }

        name = line.Substring(nameStart, i - nameStart);
        return true;
    }
}
