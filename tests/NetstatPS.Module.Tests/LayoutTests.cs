using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace NetstatPS.Module.Tests;

/// <summary>
/// out/NetstatPS is what Publish-PSResource packs (build.ps1 -Task Package) and users install: it
/// holds what the module loads and nothing else.
/// </summary>
public class LayoutTests
{
    private readonly ModuleManifest manifest = new(Path.Combine(RepoPaths.Module, "NetstatPS.psd1"));

    [Fact]
    public void HoldsOnlyTheManifestItsFilesHelpLicenseAndTheAssembliesTheModuleLoads()
    {
        string root = this.manifest.Value("RootModule")!;
        var expected = new HashSet<string>(StringComparer.Ordinal) { "NetstatPS.psd1", "LICENSE", root, "en-US/" + root + "-Help.xml" };
        expected.UnionWith(this.manifest.List("FormatsToProcess")!);
        expected.UnionWith(this.manifest.List("TypesToProcess")!);
        expected.UnionWith(Directory.GetFiles(Path.Combine(RepoPaths.Module, "en-US"), "about_*.help.txt").Select(f => "en-US/" + Path.GetFileName(f)));
        expected.UnionWith(AssembliesLoadedFrom(root).Select(n => n + ".dll"));

        string[] actual = Directory.GetFiles(RepoPaths.Module, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Module, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected.OrderBy(f => f, StringComparer.Ordinal).ToArray(), actual);
        Assert.DoesNotContain(actual, f => f.EndsWith(".pdb", StringComparison.Ordinal) || f.EndsWith(".deps.json", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every assembly of the layout that the root module references, directly or through another,
    /// read from each file's own metadata (the runtime has newer assemblies of some of these names).
    /// </summary>
    private static IEnumerable<string> AssembliesLoadedFrom(string rootModule)
    {
        var inLayout = Directory.GetFiles(RepoPaths.Module, "*.dll").Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Path.GetFileNameWithoutExtension(rootModule) };
        var pending = new Queue<string>(found);
        while (pending.Count > 0)
        {
            using var stream = File.OpenRead(Path.Combine(RepoPaths.Module, pending.Dequeue() + ".dll"));
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
            {
                string name = reader.GetString(reader.GetAssemblyReference(handle).Name);
                if (inLayout.Contains(name) && found.Add(name))
                {
                    pending.Enqueue(name);
                }
            }
        }

        found.Remove(Path.GetFileNameWithoutExtension(rootModule));
        return found;
    }
}
