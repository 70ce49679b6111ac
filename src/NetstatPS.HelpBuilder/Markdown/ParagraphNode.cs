using System.Collections.Generic;

namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// All the text between two headings or code blocks. platyPS 0.14 never splits it at blank lines (its
/// paragraph patterns cannot match), so one node can hold several markdown paragraphs.
/// </summary>
internal sealed record ParagraphNode(IReadOnlyList<InlineSpan> Spans) : MarkdownNode;
