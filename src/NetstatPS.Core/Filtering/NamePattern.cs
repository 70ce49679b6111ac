using System;

namespace NetstatPS.Filtering;

/// <summary>
/// A name with PowerShell wildcard semantics (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, backtick
/// escapes), matched case-insensitively. Core cannot use System.Management.Automation.WildcardPattern,
/// so this mirrors its documented behaviour.
/// </summary>
public sealed class NamePattern
{
    private readonly string pattern;

    /// <summary>Creates a pattern.</summary>
    /// <param name="pattern">The pattern text.</param>
    public NamePattern(string pattern)
    {
        this.pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        this.IsWildcard = pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;
    }

    /// <summary>The pattern as given.</summary>
    public string Text => this.pattern;

    /// <summary>True when the text has wildcard characters (then matching nothing is not an error).</summary>
    public bool IsWildcard { get; }

    /// <summary>True when <paramref name="value"/> matches.</summary>
    /// <param name="value">The name to test.</param>
    /// <returns>Whether it matches.</returns>
    public bool IsMatch(string? value)
    {
        if (value is null)
        {
            return false;
        }

        return this.IsWildcard
            ? Match(this.pattern.AsSpan(), value.AsSpan())
            : string.Equals(this.pattern, value, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => this.pattern;

    // Iterative matcher with one backtrack point for the last '*' (linear for practical patterns).
    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        int pi = 0, si = 0, starP = -1, starS = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && p[pi] == '*')
            {
                starP = ++pi;
                starS = si;
                continue;
            }

            if (pi < p.Length && MatchOne(p, ref pi, s[si]))
            {
                si++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            pi = starP;
            si = ++starS;
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }

    // Matches one pattern element at p[pi] against c; advances pi past the element on success.
    private static bool MatchOne(ReadOnlySpan<char> p, ref int pi, char c)
    {
        char head = p[pi];
        if (head == '?')
        {
            pi++;
            return true;
        }

        if (head == '`' && pi + 1 < p.Length)
        {
            if (EqualsIgnoreCase(p[pi + 1], c))
            {
                pi += 2;
                return true;
            }

            return false;
        }

        if (head == '[')
        {
            int end = p.Slice(pi + 1).IndexOf(']');
            if (end > 0)
            {
                ReadOnlySpan<char> set = p.Slice(pi + 1, end);
                if (SetContains(set, c))
                {
                    pi += end + 2;
                    return true;
                }

                return false;
            }
        }

        if (EqualsIgnoreCase(head, c))
        {
            pi++;
            return true;
        }

        return false;
    }

    private static bool SetContains(ReadOnlySpan<char> set, char c)
    {
        char lower = char.ToLowerInvariant(c);
        for (int i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                char from = char.ToLowerInvariant(set[i]), to = char.ToLowerInvariant(set[i + 2]);
                if (lower >= from && lower <= to)
                {
                    return true;
                }

                i += 2;
            }
            else if (char.ToLowerInvariant(set[i]) == lower)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EqualsIgnoreCase(char a, char b) => a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
