using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace NetstatPS.Core.Tests.Text;

/// <summary>DisplayText: the one escaping rule of every view, warning and error.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("\u001B]0;PWNED\u0007\u001B[2K", @"\e]0;PWNED\a\e[2K")] // OSC title + erase line
    [InlineData("a\nb\rc\td", @"a\nb\rc\td")]
    [InlineData("\0\a\b\t\n\v\f\r\u001B", @"\0\a\b\t\n\v\f\r\e")]
    [InlineData("\u0001\u001F\u007F", @"\x01\x1f\x7f")]
    [InlineData("\u009B31m\u0085", @"\u009b31m\u0085")] // C1 CSI and NEL, as characters
    [InlineData("\u202Egnp.exe", @"\u202egnp.exe")]
    [InlineData("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u2028\u2029", @"\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u2028\u2029")]
    [InlineData("\\e", @"\\e")] // a backslash that would read as an escape is doubled
    [InlineData("\\\u001B", @"\\\e")]
    [InlineData("\\\\", @"\\\")] // the first doubled (a backslash follows), the last as it is
    [InlineData("C:\\x41\\u0041b", @"C:\\x41\\u0041b")]
    public void Escapes_controls_bidi_and_bytes(string raw, string shown)
    {
        Assert.Equal(shown, DisplayText.Escape(raw));
        Assert.True(DisplayText.NeedsEscape(raw));
    }

    [Fact]
    public void Lone_surrogates_show_as_the_byte_they_stand_for_or_as_code_units()
    {
        // Built in code: attributes cannot hold lone surrogates.
        Assert.Equal(@"bad\xff\xfe", DisplayText.Escape("bad\uDCFF\uDCFE"));
        Assert.Equal(@"x\ud800y", DisplayText.Escape("x\uD800y")); // an unpaired surrogate of a Windows name
        Assert.Equal(@"\udc7f", DisplayText.Escape("\uDC7F")); // a low surrogate no byte gives
        Assert.Equal(@"\\\x9b", DisplayText.Escape("\\\uDC9B"));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("C:\\Windows\\System32\\svchost.exe")]
    [InlineData("NT AUTHORITY\\SYSTEM")]
    [InlineData("DOMAIN\\user")]
    [InlineData("/usr/sbin/sshd (deleted)")]
    [InlineData("naïve-名前-\U0001F600")]
    [InlineData("trailing\\")]
    public void Text_with_nothing_to_escape_is_the_same_instance(string raw)
    {
        Assert.Same(raw, DisplayText.Escape(raw));
        Assert.False(DisplayText.NeedsEscape(raw));
    }

    [Fact]
    public void No_output_holds_a_control_bidi_or_unpaired_surrogate_character()
    {
        Prop.ForAll<string>(s =>
        {
            string? shown = DisplayText.Escape(s);
            return s is null ? shown is null : shown!.All(c => !IsDangerous(c)) && !HasUnpairedSurrogate(shown!);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Escaping_is_unambiguous_distinct_strings_show_distinctly()
    {
        Prop.ForAll<string, string>((a, b) =>
            a is null || b is null || a == b || DisplayText.Escape(a) != DisplayText.Escape(b)).QuickCheckThrowOnFailure();

        // The pairs a simpler rule would confuse.
        string[] tricky = { "\\e", "\u001B", "\\\u001B", "\\\\e", "\u009B", "\uDC9B", "\\x9b", "\\u009b", "\\", "\\\\" };
        Assert.Equal(tricky.Length, tricky.Select(t => DisplayText.Escape(t)).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Long_values_are_cut_with_an_ellipsis_only_when_asked()
    {
        string line = new string('a', 600) + "\n";
        Assert.Equal(602, DisplayText.Escape(line)!.Length);
        string cut = DisplayText.Escape(line, 100)!;
        Assert.Equal(100, cut.Length);
        Assert.EndsWith(DisplayText.Ellipsis.ToString(), cut, StringComparison.Ordinal);
        Assert.Equal("short", DisplayText.Escape("short", 100));
        Assert.Equal("\U0001F600" + DisplayText.Ellipsis, DisplayText.Escape("\U0001F600\U0001F600\U0001F600", 4)); // a pair is never split
        Assert.Throws<ArgumentOutOfRangeException>(() => DisplayText.Escape("x", 0));
    }

    private static bool IsDangerous(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';

    private static bool HasUnpairedSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
