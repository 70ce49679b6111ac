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
        Assert.True(Uri.TryCreate(this.manifest.Value("ProjectUri"), UriKind.Absolute, out _));
        Assert.True(Uri.TryCreate(this.manifest.Value("LicenseUri"), UriKind.Absolute, out _));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "LICENSE")));
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
    public void TheLayoutManifestIsTheRepositoryManifest() =>
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "NetstatPS.psd1")), File.ReadAllText(Path.Combine(RepoPaths.Module, "NetstatPS.psd1")));

    private static Version Trim(Version v) => new(v.Major, v.Minor, v.Build);
}
