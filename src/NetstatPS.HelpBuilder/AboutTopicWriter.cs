using System;
using System.Linq;
using System.Text;

namespace NetstatPS.HelpBuilder;

/// <summary>Turns about_*.md into the plain-text about_*.help.txt that Get-Help about_X shows.</summary>
internal static class AboutTopicWriter
{
    public static string Write(string markdown)
    {
        var text = new StringBuilder();
        bool inFence = false;
        foreach (string raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            string line = raw;
            if (!inFence)
            {
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    line = "TOPIC\n    " + line.Substring(2).Trim();
                }
                else if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    line = "  " + line.Substring(4).Trim().ToUpperInvariant();
                }
                else if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    line = line.Substring(3).Trim().ToUpperInvariant();
                }
                else if (line.StartsWith("|", StringComparison.Ordinal))
                {
                    string[] cells = line.Trim('|').Split('|').Select(c => c.Trim().Replace("\\", string.Empty, StringComparison.Ordinal)).ToArray();
                    line = cells.All(c => c.Trim('-', ':').Length == 0) ? string.Empty : "    " + string.Join("  ->  ", cells);
                }
                else if (line.Length > 0)
                {
                    line = "    " + line;
                }
            }
            else
            {
                line = "        " + line;
            }

            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
