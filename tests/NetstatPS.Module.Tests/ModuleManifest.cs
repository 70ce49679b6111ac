using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetstatPS.Module.Tests;

/// <summary>
/// Reads the few shapes NetstatPS.psd1 uses (key = 'text', key = @('a', 'b')) without a PowerShell
/// engine. Anything it cannot read fails the tests instead of being skipped.
/// </summary>
internal sealed class ModuleManifest
{
    private readonly string text;

    public ModuleManifest(string path)
    {
        this.text = File.ReadAllText(path);
    }

    public string? Value(string key)
    {
        Match m = Regex.Match(this.text, @"(?m)^\s*" + key + @"\s*=\s*'([^']*)'");
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>A single-quoted value that may span lines and hold doubled quotes ('').</summary>
    public string? Text(string key)
    {
        Match m = Regex.Match(this.text, @"(?m)^\s*" + key + @"\s*=\s*'((?:[^']|'')*)'");
        return m.Success ? m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    /// <summary>The manifest's text with the value of <paramref name="key"/> left out.</summary>
    public string WithoutValue(string key) =>
        Regex.Replace(this.text.Replace("\r\n", "\n", StringComparison.Ordinal), @"(?m)^(\s*" + key + @"\s*=\s*)'(?:[^']|'')*'", "$1''");

    public string[]? List(string key)
    {
        Match m = Regex.Match(this.text, @"(?ms)^\s*" + key + @"\s*=\s*@\((.*?)\)");
        if (!m.Success)
        {
            return null;
        }

        return Regex.Matches(m.Groups[1].Value, "'([^']*)'").Select(x => x.Groups[1].Value).ToArray();
    }
}
