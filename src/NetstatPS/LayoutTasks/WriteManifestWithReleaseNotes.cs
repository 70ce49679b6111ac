// An MSBuild task (compiled by RoslynCodeTaskFactory during the build, never part of NetstatPS.dll):
// writes the module manifest into the layout with its ReleaseNotes taken from CHANGELOG.md, so the
// notes are kept in one place and the version in another (NetstatPS.psd1's ModuleVersion).
using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WriteManifestWithReleaseNotes : Task
{
    /// <summary>The repository's NetstatPS.psd1.</summary>
    [Required]
    public string Manifest { get; set; } = string.Empty;

    /// <summary>CHANGELOG.md in the keep-a-changelog layout.</summary>
    [Required]
    public string Changelog { get; set; } = string.Empty;

    /// <summary>The manifest ModuleVersion says, whose section becomes the release notes.</summary>
    [Required]
    public string Version { get; set; } = string.Empty;

    /// <summary>Where the manifest goes (out/NetstatPS/NetstatPS.psd1).</summary>
    [Required]
    public string Destination { get; set; } = string.Empty;

    public override bool Execute()
    {
        string changelog = File.ReadAllText(this.Changelog).Replace("\r\n", "\n");
        // "## [0.1.0] - 2026-12-02" up to the next "## [" heading or the end of the file.
        Match section = Regex.Match(
            changelog,
            @"^## \[" + Regex.Escape(this.Version) + @"\][^\n]*\n(.*?)(?=^## \[|\z)",
            RegexOptions.Multiline | RegexOptions.Singleline);
        if (!section.Success)
        {
            this.Log.LogError($"{this.Changelog} has no section '## [{this.Version}]' for the ModuleVersion in {this.Manifest}: add one (keep-a-changelog) before building this version.");
            return false;
        }

        string notes = section.Groups[1].Value.Trim();
        if (notes.Length == 0)
        {
            this.Log.LogError($"The section '## [{this.Version}]' of {this.Changelog} is empty: say what this version adds, changes or fixes.");
            return false;
        }

        string manifest = File.ReadAllText(this.Manifest);
        string newline = manifest.Contains("\r\n") ? "\r\n" : "\n";
        var releaseNotes = new Regex(@"^(\s*ReleaseNotes\s*=\s*)'(?:[^']|'')*'", RegexOptions.Multiline);
        int found = releaseNotes.Matches(manifest).Count;
        if (found != 1)
        {
            this.Log.LogError($"{this.Manifest} must have exactly one single-quoted ReleaseNotes = '...' line for the build to fill in; it has {found}.");
            return false;
        }

        // A single-quoted PowerShell string: only the quote itself needs doubling.
        string quoted = "'" + notes.Replace("\n", newline).Replace("'", "''") + "'";
        string written = releaseNotes.Replace(manifest, m => m.Groups[1].Value + quoted, 1);

        // Windows PowerShell 5.1 reads a .psd1 without a byte order mark as the ANSI code page: give
        // non-ASCII notes a UTF-8 BOM so they read the same in every edition.
        bool ascii = written.All(c => c < 128);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(this.Destination)) ?? ".");
        File.WriteAllText(this.Destination, written, new UTF8Encoding(encoderShouldEmitUTF8Identifier: !ascii));
        return true;
    }
}
