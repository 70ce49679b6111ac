namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>A '#' heading: its level and its text exactly as written (no escapes are undone in headings).</summary>
internal sealed record HeadingNode(int Level, string Text) : MarkdownNode;
