using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetstatPS.Module.Tests;

/// <summary>CHANGELOG.md read as keep-a-changelog lays it out: "## [version] - date" sections.</summary>
internal sealed class Changelog
{
    private Changelog(string text)
    {
        this.Text = text;
    }

    public string Text { get; }

    /// <summary>The level-2 headings in file order, e.g. "## [Unreleased]", "## [0.1.0] - 2026-12-02".</summary>
    public IReadOnlyList<string> Headings => Regex.Matches(this.Text, @"(?m)^## .*$").Select(m => m.Value).ToArray();

    public static Changelog Read() =>
        new(File.ReadAllText(Path.Combine(RepoPaths.Root, "CHANGELOG.md")).Replace("\r\n", "\n", StringComparison.Ordinal));

    /// <summary>The body of a version's section, trimmed; null when there is none.</summary>
    public string? Section(string version)
    {
        int start = this.Text.IndexOf("\n## [" + version + "]", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        int body = this.Text.IndexOf('\n', start + 1) + 1;
        int end = this.Text.IndexOf("\n## [", body - 1, StringComparison.Ordinal);
        return (end < 0 ? this.Text[body..] : this.Text[body..end]).Trim();
    }
}
