using System;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Text;

/// <summary>OsText: OS bytes to strings without loss (PEP 383 surrogateescape), and back.</summary>
public sealed class OsTextTests
{
    [Fact]
    public void Every_byte_array_round_trips_exactly()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            byte[] back = OsText.GetBytes(OsText.GetString(bytes))!;
            return back.AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Valid_utf8_decodes_as_the_framework_does()
    {
        Prop.ForAll<string>(s =>
        {
            if (s is null)
            {
                return true;
            }

            // Strings with unpaired surrogates have no UTF-8; the framework replaces them, so skip those.
            byte[] utf8 = new UTF8Encoding(false, false).GetBytes(s);
            string expected = Encoding.UTF8.GetString(utf8);
            return OsText.GetString(utf8) == expected;
        }).QuickCheckThrowOnFailure();
    }

    // The expected text is given as DisplayText shows it: a lone surrogate cannot be written in an
    // attribute (metadata is UTF-8), and \xHH is exactly the byte kept as U+DC00 + HH.
    [Theory]
    [InlineData("626164fffe", @"bad\xff\xfe")] // bytes that are never UTF-8
    [InlineData("c3", @"\xc3")] // a truncated two-byte sequence
    [InlineData("e282", @"\xe2\x82")] // a truncated three-byte sequence: each of its bytes kept
    [InlineData("c0af", @"\xc0\xaf")] // an overlong '/'
    [InlineData("eda080", @"\xed\xa0\x80")] // an encoded surrogate (CESU), not UTF-8
    [InlineData("f4908080", @"\xf4\x90\x80\x80")] // above U+10FFFF
    [InlineData("e282ac41", "\u20ACA")] // valid: euro sign, A
    [InlineData("f09f9880", "\U0001F600")] // valid four-byte sequence
    [InlineData("c29b", @"\u009b")] // valid UTF-8 for the C1 control CSI: a character, not a byte
    [InlineData("1b5d303b0741", @"\e]0;\aA")] // control characters are text, kept as they are
    public void Invalid_bytes_become_U_DC80_to_U_DCFF_and_valid_text_stays(string hex, string shown)
    {
        string text = OsText.GetString(Convert.FromHexString(hex))!;
        Assert.Equal(shown, DisplayText.Escape(text));
        Assert.Equal(hex, Convert.ToHexString(OsText.GetBytes(text)!).ToLowerInvariant());
    }

    [Fact]
    public void An_invalid_byte_is_the_surrogate_U_DC00_plus_the_byte()
    {
        Assert.Equal("bad\uDCFF\uDCFE", OsText.GetString(Convert.FromHexString("626164fffe")));
        Assert.Equal("\uDCE2\uDC82", OsText.GetString(Convert.FromHexString("e282")));
    }

    [Fact]
    public void Ascii_is_decoded_without_a_detour()
    {
        Assert.Equal("nginx", OsText.GetString("nginx"u8.ToArray()));
        Assert.Equal(string.Empty, OsText.GetString(Array.Empty<byte>()));
        Assert.Null(OsText.GetString(null));
        Assert.Null(OsText.GetBytes(null));
    }

    [Fact]
    public void A_surrogate_no_byte_gives_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => OsText.GetBytes("a\uD800b"));
        Assert.Contains("U+D800", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_proc_decoders_keep_the_bytes_of_a_name()
    {
        // /proc/PID/comm of a process renamed with prctl: ESC, a newline and bytes that are not UTF-8.
        byte[] comm = Convert.FromHexString("1b5b326b0a62ff0a");
        string name = LinuxProcessFileDecoder.DecodeName(comm)!;
        Assert.Equal("\u001B[2k\nb\uDCFF", name);
        Assert.Equal("1B5B326B0A62FF", Convert.ToHexString(OsText.GetBytes(name)!));

        // A Unix socket bound to a path with the same bytes (UNIX_DIAG_NAME's sun_path, NUL-terminated).
        byte[] sunPath = Convert.FromHexString("2f746d702f1b5d303b070aff00");
        Assert.Equal("/tmp/\u001B]0;\u0007\n\uDCFF", LinuxUnixDiagDecoder.Name(sunPath));
        Assert.Equal("2F746D702F1B5D303B070AFF", Convert.ToHexString(OsText.GetBytes(LinuxUnixDiagDecoder.Name(sunPath))!));
    }
}
