namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// One block of a help page as platyPS 0.14's markdown parser sees it: a heading, a fenced code block or
/// a paragraph. platyPS knows no other blocks (no lists, tables or quotes), so neither does this.
/// </summary>
internal abstract record MarkdownNode;
