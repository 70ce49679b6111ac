using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace NetstatPS.Module.Tests;

/// <summary>The MAML help the build lays out is what Get-Help shows: it must cover every cmdlet and parameter.</summary>
public class HelpFileTests : IClassFixture<ModuleMetadata>
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private readonly ModuleMetadata m;
    private readonly XDocument help = XDocument.Load(Path.Combine(RepoPaths.Module, "en-US", "NetstatPS.dll-Help.xml"));

    public HelpFileTests(ModuleMetadata metadata) => this.m = metadata;

    [Fact]
    public void HelpCoversEveryCmdletParameterAndExample()
    {
        foreach (System.Type t in this.m.Cmdlets)
        {
            string name = ModuleMetadata.CmdletName(t);
            XElement command = this.help.Root!.Elements(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == name);
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Command + "details")!.Element(Maml + "description")!.Value));
            string[] documented = command.Element(Command + "parameters")!.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray();
            Assert.Equal(ModuleMetadata.Parameters(t).Select(p => p.Name).OrderBy(x => x), documented.OrderBy(x => x));
            Assert.NotEmpty(command.Element(Command + "syntax")!.Elements(Command + "syntaxItem"));
            XElement[] examples = command.Element(Command + "examples")!.Elements(Command + "example").ToArray();
            Assert.True(examples.Length >= 3);
            Assert.All(examples, e => Assert.Contains(name, e.Element(Dev + "code")!.Value, System.StringComparison.Ordinal));
        }
    }

    [Fact]
    public void WildcardAndPipelineFlagsReachGetHelp()
    {
        XElement processName = this.help.Descendants(Command + "parameter")
            .First(p => p.Element(Maml + "name")!.Value == "ProcessName");
        Assert.Equal("true", processName.Attribute("globbing")!.Value);
        XElement processId = this.help.Descendants(Command + "parameter")
            .First(p => p.Element(Maml + "name")!.Value == "ProcessId");
        Assert.Equal("True (ByPropertyName)", processId.Attribute("pipelineInput")!.Value);
    }

    [Fact]
    public void TheAboutTopicIsLaidOutAsText()
    {
        string about = File.ReadAllText(Path.Combine(RepoPaths.Module, "en-US", "about_NetstatPS.help.txt"));
        Assert.StartsWith("TOPIC", about, System.StringComparison.Ordinal);
        Assert.Contains("SHORT DESCRIPTION", about, System.StringComparison.Ordinal);
        Assert.Contains("Get-NetConnectionEx", about, System.StringComparison.Ordinal);
    }
}
