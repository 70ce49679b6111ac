using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetstatPS.HelpBuilder.Markdown;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// Turns about_*.md into the about_*.help.txt that Get-Help about_X shows, as platyPS 0.14's
/// New-ExternalHelp does (Renderer/TextRenderer.cs, MaxAboutWidth 80): the first heading becomes TOPIC,
/// the second (the about_ name) is written indented and in lower case, level-1 headings upper-cased,
/// level-2 as written, deeper ones indented and upper-cased; text is indented by four and wrapped at 76;
/// code blocks are indented and kept line for line, which is the way to keep a table as written.
/// </summary>
internal static class AboutTopicWriter
{
    private const string Indent = "    ";
    private const string NewLine = "\r\n";
    private const int Width = 80;

    /// <summary>
    /// Whether New-ExternalHelp takes a file as an about topic: its second block is a heading whose text
    /// is longer than five characters and starts with "about" in any case.
    /// </summary>
    public static bool IsAboutTopic(string markdown)
    {
        IReadOnlyList<MarkdownNode> nodes = PlatyMarkdownParser.Parse(markdown);
        return nodes.Count > 1 && nodes[1] is HeadingNode h && h.Text.Length > 5 && h.Text.Substring(0, 5).Equals("ABOUT", StringComparison.OrdinalIgnoreCase);
    }

    public static string Write(string markdown)
    {
        IReadOnlyList<MarkdownNode> nodes = PlatyMarkdownParser.Parse(markdown);
        var text = new StringBuilder();
        for (int i = 0; i < nodes.Count; i++)
        {
            switch (nodes[i])
            {
                case HeadingNode h:
                    Heading(text, h, i);
                    break;
                case ParagraphNode p:
                    Paragraph(text, p);
                    break;
                case CodeBlockNode c:
                    foreach (string line in c.Text.Split(NewLine))
                    {
                        text.Append(Indent).Append(line).Append(NewLine);
                    }

                    text.Append(NewLine);
                    break;
            }
        }

        return TextNormalizer.AboutText(text.ToString());
    }

    private static void Heading(StringBuilder text, HeadingNode h, int index)
    {
        if (index == 0)
        {
            text.Append("TOPIC").Append(NewLine);
        }
        else if (h.Level == 1)
        {
            text.Append(h.Text.ToUpperInvariant()).Append(NewLine);
        }
        else if (h.Level == 2 && index == 1)
        {
            text.Append(Indent).Append(h.Text.ToLowerInvariant()).Append(NewLine).Append(NewLine);
        }
        else if (h.Level == 2)
        {
            text.Append(h.Text).Append(NewLine);
        }
        else
        {
            text.Append(Indent).Append(h.Text.ToUpperInvariant()).Append(NewLine);
        }
    }

    // Each span is written on its own: text up to 76 characters as one indented line (a line break
    // inside it is kept, the next line then not indented, as platyPS does), longer text wrapped.
    private static void Paragraph(StringBuilder text, ParagraphNode p)
    {
        foreach (string span in p.Spans.Select(s => s.Text))
        {
            if (span.Length > Width - 4)
            {
                Wrap(text, span);
                text.Append(NewLine);
            }
            else if (span == "\n")
            {
                text.Append(NewLine);
            }
            else
            {
                text.Append(Indent).Append(span).Append(NewLine);
            }
        }

        text.Append(NewLine);
    }

    /// <summary>
    /// Fills lines word by word up to 76 characters; a line break inside a word ends the line there
    /// (blank lines are dropped). The last line gets no line break: the caller adds it.
    /// </summary>
    private static void Wrap(StringBuilder text, string span)
    {
        string line = string.Empty;
        foreach (string word in span.Split(' '))
        {
            if (word.Contains(NewLine, StringComparison.Ordinal))
            {
                string[] parts = word.Split(NewLine, StringSplitOptions.RemoveEmptyEntries);
                foreach (string part in parts)
                {
                    // platyPS compares each part with the last by value, so a repeat of the last part
                    // does not end a line either.
                    if (part == parts[^1])
                    {
                        line += part + " ";
                    }
                    else
                    {
                        line += part;
                        text.Append(Indent).Append(line).Append(NewLine);
                        line = string.Empty;
                    }
                }
            }
            else if (line.Length + word.Length > Width - 4)
            {
                if (line.Length == 0)
                {
                    // platyPS fails here (it reads the last character of an empty line); so must the docs.
                    throw new FormatException($"about topic: the word '{word}' is longer than {Width - 4} characters");
                }

                text.Append(Indent).Append(line.EndsWith(' ') ? line.Substring(0, line.Length - 1) : line).Append(NewLine);
                line = word + " ";
            }
            else
            {
                line += word + " ";
            }
        }

        if (line.Length == 0 || line == " ")
        {
            return;
        }

        if (line.EndsWith(' '))
        {
            line = line.Substring(0, line.Length - 1);
        }

        text.Append(Indent).Append(line);
    }
}
