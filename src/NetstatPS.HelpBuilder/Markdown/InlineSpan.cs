namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>
/// One piece of a paragraph. Text, bold and italic spans hold their text trimmed and unescaped; a link
/// holds its text and uri exactly as written, which is what platyPS does.
/// </summary>
internal sealed record InlineSpan(InlineKind Kind, string Text, string Uri = "")
{
    /// <summary>Links and emphasis: platyPS sets these off with a space on each side when it joins spans.</summary>
    public bool IsSetOff => this.Kind is InlineKind.Link or InlineKind.Bold or InlineKind.Italic;
}
