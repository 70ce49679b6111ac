using System;
using System.Collections.Generic;

namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// The "key: value" lines of front matter and of a parameter's ```yaml block, read as platyPS reads them
/// (not as YAML): split at the first colon, both sides trimmed, an empty value is null, keys ignore case.
/// </summary>
internal static class KeyValueBlock
{
    public static Dictionary<string, string?> Parse(string block)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in block.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None))
        {
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"invalid yaml: expected 'key: value', got '{line}'");
            }

            string value = line.Substring(colon + 1).Trim();
            result[line.Substring(0, colon).Trim()] = value.Length == 0 ? null : value;
        }

        return result;
    }
}
