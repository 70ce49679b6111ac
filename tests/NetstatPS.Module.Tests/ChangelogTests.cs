using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetstatPS.Module.Tests;

public class ChangelogTests
{
    private static readonly string[] ChangeKinds = { "Added", "Changed", "Deprecated", "Removed", "Fixed", "Security" };

    private readonly Changelog changelog = Changelog.Read();

    [Fact]
    public void FollowsKeepAChangelog()
    {
        Assert.StartsWith("# Changelog\n", this.changelog.Text, StringComparison.Ordinal);
        Assert.Equal("## [Unreleased]", this.changelog.Headings[0]);

        var versions = this.changelog.Headings.Skip(1).Select(h =>
        {
            Match m = Regex.Match(h, @"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$");
            Assert.True(m.Success, $"'{h}' is not '## [x.y.z] - yyyy-mm-dd'");
            Assert.True(DateTime.TryParseExact(m.Groups[2].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), h);
            return Version.Parse(m.Groups[1].Value);
        }).ToArray();
        Assert.NotEmpty(versions);
        Assert.Equal(versions.OrderByDescending(v => v).ToArray(), versions);

        foreach (Match kind in Regex.Matches(this.changelog.Text, @"(?m)^### (.*)$"))
        {
            Assert.Contains(kind.Groups[1].Value, ChangeKinds);
        }
    }

    [Fact]
    public void HasAFilledSectionForTheModuleVersion()
    {
        string version = new ModuleManifest(Path.Combine(RepoPaths.Root, "NetstatPS.psd1")).Value("ModuleVersion")!;
        string? section = this.changelog.Section(version);
        Assert.False(string.IsNullOrWhiteSpace(section), $"CHANGELOG.md has no section for {version}");
        Assert.Matches(@"(?m)^### (Added|Changed|Deprecated|Removed|Fixed|Security)$", section);
    }
}
