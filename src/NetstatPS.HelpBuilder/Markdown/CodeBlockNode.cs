namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>A ``` fenced block: its language word (empty when none) and its trimmed text, lines joined by CRLF.</summary>
internal sealed record CodeBlockNode(string Language, string Text) : MarkdownNode;
