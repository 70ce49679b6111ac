using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// Splits a markdown file into headings, code blocks and paragraphs the way platyPS 0.14's own parser
/// does (src/Markdown.MAML/Parser/MarkdownParser.cs, ParserMode.Full), because that parser, not CommonMark,
/// decides what New-ExternalHelp writes. It does not read blocks line by line: from the current offset
/// every pattern searches forward, the nearest match wins (the earlier pattern on a tie), and the text
/// before it becomes paragraph text.
/// </summary>
internal sealed class PlatyMarkdownParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private readonly List<MarkdownNode> nodes = new();
    private readonly MarkdownPattern[] patterns;
    private List<InlineSpan>? spans;

    private PlatyMarkdownParser()
    {
        this.patterns = new[]
        {
            // A heading at the very offset (platyPS only tries this one when the offset is on a '#').
            new MarkdownPattern("hash_header", new Regex(@"(\#+)[ ]*(.+?)[ ]*\#*(\r\n)+", Options), m => this.Heading(m.Groups[2].Value, m.Groups[1].Value.Length)),
            new MarkdownPattern("hash_header2", new Regex(@"(\r\n)+(\#+)[ ]*(.+?)[ ]*\#*(\r\n)+", Options), m => this.Heading(m.Groups[3].Value, m.Groups[2].Value.Length)),
            new MarkdownPattern("underline_header", new Regex(@"(.+?)[ ]*\r\n(==+|--+)[ ]*(\r\n)+", Options), m => this.Heading(m.Groups[1].Value, m.Groups[2].Value[0] == '=' ? 1 : 2)),
            new MarkdownPattern("tick_codeblock", new Regex(@"```(\w*)(\r\n)*((.|\r\n)*?)```(\r\n)*", Options), m => this.CodeBlock(m.Groups[1].Value, m.Groups[3].Value)),
            new MarkdownPattern("hardbreak", new Regex(@"[ ]{2}\r\n", Options), _ => this.Span(new InlineSpan(InlineKind.HardBreak, "\n"))),

            // platyPS's soft-break and new-paragraph patterns are written "(\r\n){{1}}" and "(\r\n){{2,}}":
            // as regexes they need a literal "{}" after the line break, so they never match real text and a
            // blank line never ends a paragraph. They are kept, as written, so this parser matches exactly
            // where platyPS's does.
            new MarkdownPattern("softbreak", new Regex(@"(\r\n){{1}}", Options), _ => { }),
            new MarkdownPattern("new_paragraph", new Regex(@"(\r\n){{2,}}", Options), _ => this.NewParagraph()),
            new MarkdownPattern("hyperlink", new Regex(@"\[(.+?)\]\((.*)\)", Options), m => this.Span(new InlineSpan(InlineKind.Link, m.Groups[1].Value, m.Groups[2].Value))),

            // Emphasis. Here, and only here, this parser is not platyPS 0.14's: platyPS's patterns ignore
            // backslashes, so "\*:\*" still becomes italic (PowerShell/platyPS issue 480, open). An escaped
            // marker never opens or closes emphasis here, as in CommonMark and platyPS 1.x; unescaped
            // markers behave exactly as in platyPS 0.14.
            new MarkdownPattern("bold", new Regex(@"(?<!\\)\*\*(.+?)(?<!\\)\*\*", Options), m => this.Span(Emphasis(InlineKind.Bold, m))),
            new MarkdownPattern("italic", new Regex(@"(?<!\\)\*(.+?)(?<!\\)\*", Options), m => this.Span(Emphasis(InlineKind.Italic, m))),
            new MarkdownPattern("bold2", new Regex(@"(?<![a-zA-Z0-9\\])__(.+?)(?<!\\)__(?![a-zA-Z0-9])", Options), m => this.Span(Emphasis(InlineKind.Bold, m))),
            new MarkdownPattern("italic2", new Regex(@"(?<![a-zA-Z0-9\\])_(.+?)(?<!\\)_(?![a-zA-Z0-9])", Options), m => this.Span(Emphasis(InlineKind.Italic, m))),
        };
    }

    /// <summary>The blocks of a markdown file, its YAML front matter skipped.</summary>
    public static IReadOnlyList<MarkdownNode> Parse(string markdown)
    {
        var parser = new PlatyMarkdownParser();
        parser.Run(SkipFrontMatter(Prepare(markdown)));
        return parser.nodes;
    }

    /// <summary>The front matter's "key: value" pairs (platyPS's Get-MarkdownMetadata), or an empty map when there is none.</summary>
    public static Dictionary<string, string?> FrontMatter(string markdown)
    {
        string text = Prepare(markdown);
        int end = FrontMatterEnd(text);
        return end < 0 ? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) : KeyValueBlock.Parse(text.Substring(5, end - 5));
    }

    // platyPS trims the start, turns an en dash into '-', and makes every line break CRLF before parsing.
    private static string Prepare(string markdown) =>
        Regex.Replace(markdown.TrimStart().Replace('\u2013', '-'), "\r\n?|\n", "\r\n", Options);

    private static int FrontMatterEnd(string text) =>
        text.StartsWith("---\r\n", StringComparison.Ordinal) ? text.IndexOf("\r\n---", 5, StringComparison.Ordinal) : -1;

    private static string SkipFrontMatter(string text)
    {
        int end = FrontMatterEnd(text);
        return end < 0 ? text : text.Substring(end + 5).TrimStart();
    }

    private static InlineSpan Emphasis(InlineKind kind, Match m) => new(kind, SpanText.Unwind(m.Groups[1].Value));

    private void Run(string text)
    {
        int offset = 0;
        while (offset < text.Length)
        {
            Match? first = null;
            MarkdownPattern? winner = null;
            foreach (MarkdownPattern pattern in this.patterns)
            {
                if (pattern.Name == "hash_header" && text[offset] != '#')
                {
                    continue;
                }

                Match m = pattern.Regex.Match(text, offset);
                if (m.Success && (first is null || first.Index > m.Index))
                {
                    first = m;
                    winner = pattern;
                    if (m.Index == offset)
                    {
                        break;
                    }
                }
            }

            if (first is null || winner is null)
            {
                this.Text(text.Substring(offset));
                break;
            }

            this.Text(text.Substring(offset, first.Index - offset));
            winner.Apply(first);
            offset = first.Index + first.Length;
        }

        this.EndParagraph();
    }

    private void Text(string source)
    {
        if (!string.IsNullOrWhiteSpace(source))
        {
            this.Span(new InlineSpan(InlineKind.Text, SpanText.Unwind(source)));
        }
    }

    private void Span(InlineSpan span) => (this.spans ??= new List<InlineSpan>()).Add(span);

    private void Heading(string text, int level)
    {
        this.EndParagraph();
        this.nodes.Add(new HeadingNode(level, text));
    }

    private void CodeBlock(string language, string text)
    {
        this.EndParagraph();
        this.nodes.Add(new CodeBlockNode(language, text.Trim()));
    }

    private void NewParagraph() => this.EndParagraph();

    private void EndParagraph()
    {
        if (this.spans is { Count: > 0 })
        {
            this.nodes.Add(new ParagraphNode(this.spans));
            this.spans = null;
        }
    }
}
