using System.Text.RegularExpressions;

namespace NetstatPS.HelpBuilder;

/// <summary>The text clean-ups platyPS 0.14 applies to what it writes (Renderer/RenderCleaner.cs).</summary>
internal static class TextNormalizer
{
    /// <summary>
    /// No-break spaces become spaces, and so do U+C2A0 and the mojibake of a UTF-8 no-break space read as
    /// Latin-1, which platyPS also replaces (it writes U+C2A0 itself as an indentation trick).
    /// </summary>
    public static string Spaces(string text) =>
        text.Replace('\u00a0', ' ').Replace('\uc2a0', ' ').Replace("\u00c2 ", " ", System.StringComparison.Ordinal).Replace('\u00c3', ' ');

    /// <summary>About topics additionally get CRLF line breaks and ASCII quotes and dashes.</summary>
    public static string AboutText(string text)
    {
        text = Regex.Replace(Spaces(text), "\r\n?|\n", "\r\n");
        text = Regex.Replace(text, "\u2018|\u2019|\u201b", "'");
        text = Regex.Replace(text, "\u201c|\u201d|\u201e|\u201f", "\"");
        return Regex.Replace(text, "\u05be|\u1806|\u2010|\u2011|\u00AD|\u2012|\u2013|\u2014|\u2015|\u2212", "-");
    }
}
