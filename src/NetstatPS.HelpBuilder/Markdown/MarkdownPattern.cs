using System;
using System.Text.RegularExpressions;

namespace NetstatPS.HelpBuilder.Markdown;

/// <summary>One of the parser's patterns: what it is called, what it matches and what a match becomes.</summary>
internal sealed record MarkdownPattern(string Name, Regex Regex, Action<Match> Apply);
