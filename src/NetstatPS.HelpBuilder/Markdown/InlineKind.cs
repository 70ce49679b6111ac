namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>What a piece of paragraph text is.</summary>
internal enum InlineKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>**bold** or __bold__ text (the markers are dropped).</summary>
    Bold,

    /// <summary>*italic* or _italic_ text (the markers are dropped).</summary>
    Italic,

    /// <summary>A [text](uri) link.</summary>
    Link,

    /// <summary>Two spaces at the end of a line.</summary>
    HardBreak,
}
