using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetstatPS.Module.Tests;

public class ManifestTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata metadata;
    private readonly ModuleManifest manifest = new(Path.Combine(RepoPaths.Module, "NetstatPS.psd1"));

    public ManifestTests(ModuleMetadata metadata) => this.metadata = metadata;

    [Fact]
    public void ExportsExactlyTheCmdletsTheAssemblyDefines()
    {
        string[] exported = this.manifest.List("CmdletsToExport")!.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        string[] defined = this.metadata.Cmdlets.Select(ModuleMetadata.CmdletName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(defined);
        Assert.Equal(defined, exported);
        Assert.DoesNotContain(exported, n => n.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void ExportsNoFunctionsVariablesOrAliasesByWildcard()
    {
        Assert.Empty(this.manifest.List("FunctionsToExport")!);
        Assert.Empty(this.manifest.List("VariablesToExport")!);
        Assert.Empty(this.manifest.List("AliasesToExport")!);
    }

    [Fact]
    public void VersionIsDefinedOnceAndStampedOnEveryAssembly()
    {
        var version = Version.Parse(this.manifest.Value("ModuleVersion")!);
        Assert.Equal(version, Trim(this.metadata.Module.GetName().Version!));
        Assert.Equal(version, Trim(this.metadata.Core.GetName().Version!));
    }

    [Fact]
    public void IsGalleryReady()
    {
        Assert.True(Guid.TryParse(this.manifest.Value("GUID"), out _));
        Assert.False(string.IsNullOrWhiteSpace(this.manifest.Value("Description")));
        Assert.False(string.IsNullOrWhiteSpace(this.manifest.Value("Author")));
        Assert.Equal("5.1", this.manifest.Value("PowerShellVersion"));
        Assert.Equal(new[] { "Desktop", "Core" }, this.manifest.List("CompatiblePSEditions"));
        Assert.Contains("netstat", this.manifest.List("Tags")!);

        // The project has no public site: no link to one that does not exist. The license travels
        // with the module instead (MIT asks for its notice in every copy).
        Assert.Null(this.manifest.Value("ProjectUri"));
        Assert.Null(this.manifest.Value("LicenseUri"));
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "LICENSE")), File.ReadAllText(Path.Combine(RepoPaths.Module, "LICENSE")));
    }

    [Fact]
    public void EveryFileTheManifestNamesIsInTheLayout()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Module, this.manifest.Value("RootModule")!)));
        foreach (string f in this.manifest.List("FormatsToProcess")!.Concat(this.manifest.List("TypesToProcess")!))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.Module, f)), f);
        }

        // Windows PowerShell 5.1 (.NET Framework) needs System.Memory beside the module.
        Assert.True(File.Exists(Path.Combine(RepoPaths.Module, "System.Memory.dll")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Module, "NetstatPS.Core.dll")));
        Assert.False(File.Exists(Path.Combine(RepoPaths.Module, "System.Management.Automation.dll")), "the engine's own assembly must not ship");
    }

    [Fact]
    public void TheLayoutManifestIsTheRepositoryManifestWithReleaseNotesFromTheChangelog()
    {
        var repository = new ModuleManifest(Path.Combine(RepoPaths.Root, "NetstatPS.psd1"));
        Assert.Equal(repository.WithoutValue("ReleaseNotes"), this.manifest.WithoutValue("ReleaseNotes"));

        string? section = Changelog.Read().Section(this.manifest.Value("ModuleVersion")!);
        Assert.NotNull(section);
        Assert.Equal(section, this.manifest.Text("ReleaseNotes")!.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static Version Trim(Version v) => new(v.Major, v.Minor, v.Build);
}
