using System;
using System.Collections.Generic;

namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// The parsed blocks read front to back with one step of look-back, and the small grammar rules platyPS
/// 0.14's model transformer builds every section from (Transformer/ModelTransformerBase.cs): each rule
/// either takes the next block or puts it back for the caller.
/// </summary>
internal sealed class NodeStream
{
    private readonly IReadOnlyList<MarkdownNode> nodes;
    private int next;

    public NodeStream(IReadOnlyList<MarkdownNode> nodes) => this.nodes = nodes;

    public MarkdownNode? Next() => this.next < this.nodes.Count ? this.nodes[this.next++] : null;

    public void PutBack() => this.next--;

    /// <summary>
    /// A heading of exactly <paramref name="level"/>; null at the end or at a higher-level heading (put back).
    /// Anything else is not platyPS 0.14 markdown.
    /// </summary>
    public HeadingNode? Heading(MarkdownNode? node, int level)
    {
        switch (node)
        {
            case null:
                return null;
            case HeadingNode h when h.Level < level:
                this.PutBack();
                return null;
            case HeadingNode h when h.Level == level:
                return h;
            case HeadingNode h:
                throw new FormatException($"'{h.Text}' is a level-{h.Level} heading where platyPS expects level {level}");
            default:
                throw new FormatException($"platyPS expects a heading here, not {Describe(node)}");
        }
    }

    /// <summary>The next paragraph's text, or "" when the next block is a heading or code block (put back).</summary>
    public string ParagraphText()
    {
        switch (this.Next())
        {
            case null:
                return string.Empty;
            case ParagraphNode p:
                return SpanText.Join(p.Spans);
            default:
                this.PutBack();
                return string.Empty;
        }
    }

    /// <summary>The next code block, or null when the next block is a heading or paragraph (put back).</summary>
    public CodeBlockNode? CodeBlock()
    {
        switch (this.Next())
        {
            case null:
                return null;
            case CodeBlockNode c:
                return c;
            default:
                this.PutBack();
                return null;
        }
    }

    /// <summary>
    /// Paragraphs and code blocks up to the next heading or the first code block in
    /// <paramref name="stopLanguage"/> (put back), joined by a blank line: a parameter's description.
    /// </summary>
    public string ParagraphsAndCode(string stopLanguage)
    {
        var parts = new List<string>();
        while (true)
        {
            MarkdownNode? node = this.Next();
            if (node is ParagraphNode p)
            {
                parts.Add(SpanText.Join(p.Spans));
            }
            else if (node is CodeBlockNode c && !string.Equals(c.Language, stopLanguage, StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(c.Text);
            }
            else
            {
                if (node is not null)
                {
                    this.PutBack();
                }

                return string.Join("\r\n\r\n", parts);
            }
        }
    }

    public static string Describe(MarkdownNode node) => node switch
    {
        HeadingNode h => $"the heading '{h.Text}'",
        CodeBlockNode c => $"a code block starting '{Start(c.Text)}'",
        ParagraphNode p => $"the text '{Start(p.Spans[0].Text)}'",
        _ => node.GetType().Name,
    };

    private static string Start(string text) => text.Length > 60 ? text.Substring(0, 60) + "..." : text;
}
