using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetstatPS.Filtering;

namespace NetstatPS.Completion;

/// <summary>
/// Turns candidate values into completion results the way PowerShell's own completers do: the word
/// typed so far is a prefix (or a wildcard pattern when it has one), quotes around it are ignored,
/// each value appears once, and values that need quoting (a Windows interface called "Ethernet 2")
/// are completed inside single quotes.
/// </summary>
internal static class CompletionMatches
{
    /// <summary>The completion results for <paramref name="candidates"/> matching <paramref name="wordToComplete"/>.</summary>
    public static IEnumerable<CompletionResult> For(IEnumerable<string> candidates, string? wordToComplete, string? toolTipPrefix = null)
    {
        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new NamePattern(word.IndexOfAny(new[] { '*', '?', '[' }) >= 0 ? word : word + "*");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate) || !pattern.IsMatch(candidate) || !seen.Add(candidate))
            {
                continue;
            }

            if (DisplayText.NeedsEscape(candidate))
            {
                // A name with control characters (another user's process): never put them on the
                // command line or in the menu. Complete a wildcard pattern that matches the name, each
                // such character a ?, and show the escaped name.
                string shown = DisplayText.Escape(candidate)!;
                yield return new CompletionResult("'" + SafePattern(candidate).Replace("'", "''") + "'", shown, CompletionResultType.ParameterValue, toolTipPrefix is null ? shown : toolTipPrefix + shown);
                continue;
            }

            string text = NeedsQuotes(candidate) ? "'" + candidate.Replace("'", "''") + "'" : candidate;
            yield return new CompletionResult(text, candidate, CompletionResultType.ParameterValue, toolTipPrefix is null ? candidate : toolTipPrefix + candidate);
        }
    }

    private static string SafePattern(string candidate)
    {
        var pattern = new System.Text.StringBuilder(candidate.Length + 8);
        foreach (char c in candidate)
        {
            if (DisplayText.NeedsEscape(c.ToString()))
            {
                pattern.Append('?');
            }
            else
            {
                if (c is '*' or '?' or '[' or ']' or '`')
                {
                    pattern.Append('`');
                }

                pattern.Append(c);
            }
        }

        return pattern.ToString();
    }

    private static bool NeedsQuotes(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '`' or '$' or ',' or ';' or '(' or ')' or '{' or '}' or '@' or '#' or '&' or '|' or '<' or '>');
}
