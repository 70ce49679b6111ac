using NetstatPS.Decoders.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// The Windows decoder of names (PROCESSENTRY32W.szExeFile, MIB_IF_ROW2 Alias/Description: fixed
/// UTF-16 arrays) fed hostile names: kept exactly, and shown safely by DisplayText.
/// </summary>
public sealed unsafe class WindowsHostileNameTests
{
    [Theory]
    [InlineData("\u001B]0;PWNED\u0007.exe", @"\e]0;PWNED\a.exe")]
    [InlineData("svc\r\nTCP fake.exe", @"svc\r\nTCP fake.exe")]
    [InlineData("\u202Eexe.gnp", @"\u202eexe.gnp")]
    [InlineData("\u009B31mred.exe", @"\u009b31mred.exe")]
    public void A_fixed_UTF16_name_is_kept_exactly_and_shown_escaped(string raw, string shown)
    {
        char* exeFile = stackalloc char[260];
        for (int i = 0; i < raw.Length; i++)
        {
            exeFile[i] = raw[i];
        }

        exeFile[raw.Length] = '\0';
        string? name = WindowsRowReader.FixedString(exeFile, 260);
        Assert.Equal(raw, name);
        Assert.Equal(shown, DisplayText.Escape(name));
    }

    [Fact]
    public void An_unpaired_surrogate_in_a_Windows_name_is_kept_and_shown_as_its_code_unit()
    {
        char* exeFile = stackalloc char[260];
        string raw = "a\uD800b.exe"; // NTFS names are UTF-16 code units, not necessarily valid Unicode
        for (int i = 0; i < raw.Length; i++)
        {
            exeFile[i] = raw[i];
        }

        exeFile[raw.Length] = '\0';
        string? name = WindowsRowReader.FixedString(exeFile, 260);
        Assert.Equal(raw, name);
        Assert.Equal(@"a\ud800b.exe", DisplayText.Escape(name));
    }
}
