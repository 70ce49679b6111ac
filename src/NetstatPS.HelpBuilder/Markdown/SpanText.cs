using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// Turns the source text of a span into help text, and a paragraph's spans into one string, the way
/// platyPS 0.14's parser and model transformer do (Parser/MarkdownParser.cs UnwindMarkdownCharsEscaping,
/// Transformer/ModelTransformerBase.cs GetTextFromParagraphSpans).
/// </summary>
internal static class SpanText
{
    private static readonly Regex Line = new("([^\r\n]*)(\r\n|$)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Undoes the backslash escapes platyPS knows, in its order (so "\\*" ends as "\*"), then rejoins lines:
    /// a single line break becomes a space, a blank line becomes one line break (a new MAML para), and
    /// the lines of a "- ", "* " or "-- " list keep their breaks.
    /// </summary>
    public static string Unwind(string source)
    {
        string text = source.Trim()
            .Replace(@"\[", "[", StringComparison.Ordinal)
            .Replace(@"\]", "]", StringComparison.Ordinal)
            .Replace(@"\(", "(", StringComparison.Ordinal)
            .Replace(@"\)", ")", StringComparison.Ordinal)
            .Replace(@"\`", "`", StringComparison.Ordinal)
            .Replace(@"\<", "<", StringComparison.Ordinal)
            .Replace(@"\>", ">", StringComparison.Ordinal)
            .Replace(@"\_", "_", StringComparison.Ordinal)
            .Replace(@"\*", "*", StringComparison.Ordinal)
            .Replace(@"\\", @"\", StringComparison.Ordinal);

        // platyPS carries the previous line and whether a list is open across matches; so does this.
        string previous = "foo";
        bool inList = false;
        string joined = Line.Replace(text, match =>
        {
            string before = previous;
            string line = match.Groups[1].Value;
            previous = line;
            if (string.IsNullOrWhiteSpace(line))
            {
                return "\r\n";
            }

            if (IsListLine(before) && IsListLine(line))
            {
                inList = true;
                return "\r\n" + line;
            }

            if (inList)
            {
                inList = false;
                line = "\r\n" + line;
            }

            return line + " ";
        });

        return joined.Replace(" \r\n", "\r\n", StringComparison.Ordinal).Trim();
    }

    /// <summary>
    /// Joins a paragraph's spans. Links and emphasis get a space on each side (their neighbours were
    /// trimmed); a link with a uri is followed by " (uri)", as platyPS writes links into MAML text.
    /// </summary>
    public static string Join(IReadOnlyList<InlineSpan> spans)
    {
        // platyPS reads a lone span as text without checking its kind and throws a NullReferenceException
        // when it is a link or a hard break; refuse such docs here rather than accept what it cannot build.
        if (spans.Count == 1 && spans[0].Kind is InlineKind.Link or InlineKind.HardBreak)
        {
            throw new FormatException($"a paragraph that is only '{spans[0].Text}' (a link or a line break), which platyPS 0.14 cannot convert");
        }

        var text = new StringBuilder();
        bool previousSetOff = false;
        for (int i = 0; i < spans.Count; i++)
        {
            InlineSpan span = spans[i];
            if ((i > 0 && span.IsSetOff) || previousSetOff)
            {
                text.Append(' ');
            }

            text.Append(span.Text);
            previousSetOff = span.IsSetOff;
            if (span.Kind == InlineKind.Link && !string.IsNullOrWhiteSpace(span.Uri))
            {
                text.Append(" (").Append(span.Uri).Append(')');
                previousSetOff = false;
            }
        }

        return text.ToString();
    }

    private static bool IsListLine(string line) =>
        line.Length >= 2 && (line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal));
}
