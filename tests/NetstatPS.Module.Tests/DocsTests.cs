using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace NetstatPS.Module.Tests;

public class DocsTests : IClassFixture<ModuleMetadata>
{
    private static readonly string[] CommonParameters =
        { "Debug", "ErrorAction", "ErrorVariable", "InformationAction", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "ProgressAction", "Verbose", "WarningAction", "WarningVariable" };

    private readonly ModuleMetadata m;

    public DocsTests(ModuleMetadata metadata) => this.m = metadata;

    public static TheoryData<string> CmdletNames() => CmdletContractTests.CmdletNames();

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void EveryCmdletHasAPlatyPSPageWithEverySection(string className)
    {
        string text = this.Page(className);
        Assert.StartsWith("---", text, StringComparison.Ordinal);
        Assert.Contains("external help file: NetstatPS.dll-Help.xml", text, StringComparison.Ordinal);
        Assert.Contains("Module Name: NetstatPS", text, StringComparison.Ordinal);
        Assert.Contains("schema: 2.0.0", text, StringComparison.Ordinal);
        Assert.Contains("# " + ModuleMetadata.CmdletName(this.Cmdlet(className)), text, StringComparison.Ordinal);
        foreach (string section in new[] { "## SYNOPSIS", "## SYNTAX", "## DESCRIPTION", "## EXAMPLES", "## PARAMETERS", "### CommonParameters", "## INPUTS", "## OUTPUTS", "## NOTES", "## RELATED LINKS" })
        {
            Assert.Contains("\n" + section, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void EveryParameterIsDocumentedAndNothingElse(string className)
    {
        string text = this.Page(className);
        string[] documented = Regex.Matches(text, @"(?m)^### -(\w+)").Select(x => x.Groups[1].Value).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        // A ShouldProcess cmdlet has -Confirm and -WhatIf too, which platyPS documents as parameters of the page.
        bool shouldProcess = ModuleMetadata.Named(ModuleMetadata.Attribute(this.Cmdlet(className), "CmdletAttribute")!, "SupportsShouldProcess") is true;
        string[] actual = ModuleMetadata.Parameters(this.Cmdlet(className)).Select(p => p.Name)
            .Concat(shouldProcess ? new[] { "Confirm", "WhatIf" } : Array.Empty<string>())
            .OrderBy(x => x, StringComparer.Ordinal).ToArray();
        Assert.Equal(actual, documented);
        foreach (PropertyInfo p in ModuleMetadata.Parameters(this.Cmdlet(className)))
        {
            Match block = Regex.Match(text, @"(?ms)^### -" + p.Name + @"\r?\n(.*?)```yaml\r?\n(.*?)```");
            Assert.True(block.Success, $"{p.Name} needs a description and a yaml block");
            Assert.False(string.IsNullOrWhiteSpace(block.Groups[1].Value), $"{p.Name} needs a description");
            string yaml = block.Groups[2].Value;
            // platyPS writes a Nullable<T> parameter's type as T.
            Type shown = p.PropertyType.IsGenericType && p.PropertyType.Name == "Nullable`1" ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType;
            Assert.Contains("Type: " + shown.Name, yaml, StringComparison.Ordinal);
            bool wildcards = ModuleMetadata.Attribute(p, "SupportsWildcardsAttribute") is not null;
            Assert.Contains("Accept wildcard characters: " + (wildcards ? "True" : "False"), yaml, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void ExamplesAreRealCommandsWithOutput(string className)
    {
        string text = this.Page(className);
        string examples = text.Substring(text.IndexOf("## EXAMPLES", StringComparison.Ordinal));
        examples = examples.Substring(0, examples.IndexOf("## PARAMETERS", StringComparison.Ordinal));
        MatchCollection blocks = Regex.Matches(examples, @"(?ms)^### Example \d+.*?```powershell\r?\n(.*?)```");
        Assert.True(blocks.Count >= 3, "at least three examples");
        Assert.All(blocks, b => Assert.Contains(ModuleMetadata.CmdletName(this.Cmdlet(className)), b.Groups[1].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void TheAboutTopicExists()
    {
        // platyPS's about template: the topic name, then the about_ name New-ExternalHelp looks for as the
        // second heading, then level-1 sections.
        string about = File.ReadAllText(Path.Combine(RepoPaths.Docs, "about_NetstatPS.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("# about_NetstatPS\n## about_NetstatPS\n", about, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^# SHORT DESCRIPTION$", about);
        Assert.Matches(@"(?m)^# LONG DESCRIPTION$", about);
        foreach (Type t in this.m.Cmdlets)
        {
            Assert.Contains(ModuleMetadata.CmdletName(t), about, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CommonParametersAreNotDocumentedAsOwnParameters()
    {
        foreach (Type t in this.m.Cmdlets)
        {
            string text = this.Page(t.Name);
            foreach (string common in CommonParameters)
            {
                Assert.DoesNotMatch(@"(?m)^### -" + common + @"\s*$", text);
            }
        }
    }

    private Type Cmdlet(string className) => this.m.Cmdlets.Single(t => t.Name == className);

    private string Page(string className) =>
        File.ReadAllText(Path.Combine(RepoPaths.Docs, ModuleMetadata.CmdletName(this.Cmdlet(className)) + ".md")).Replace("\r\n", "\n", StringComparison.Ordinal);
}
