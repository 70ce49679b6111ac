using System;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace NetstatPS.HelpBuilder.Tests;

/// <summary>
/// What platyPS 0.14 makes of a command page (Transformer/ModelTransformerVersion2.cs) and how it writes
/// it as MAML (Renderer/MamlRenderer.cs).
/// </summary>
public class CommandPageTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    [Fact]
    public void SyntaxPutsPositionalParametersFirstAndKeepsThePageOrderOtherwise()
    {
        HelpPage page = Page(Parameter("Alpha", "Named") + Parameter("Beta", "1") + Parameter("Gamma", "Named") + Parameter("Delta", "0"));
        Assert.Equal(new[] { "Delta", "Beta", "Alpha", "Gamma" }, page.Syntaxes.Single().Select(p => p.Name));
        Assert.Equal(new[] { "Alpha", "Beta", "Gamma", "Delta" }, page.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void AnAllSetsParameterJoinsEveryNamedSetAndASetNoParameterNamesGetsNoSyntax()
    {
        // platyPS 0.14 writes no syntax for "(All)" next to a named set: the docs must name every set.
        HelpPage lost = Page(Parameter("Count", "Named") + Parameter("Watch", "Named", sets: "Watch"));
        Assert.Equal(new[] { "Count", "Watch" }, lost.Syntaxes.Single().Select(p => p.Name));

        HelpPage both = Page(Parameter("Count", "Named", sets: "List, Watch") + Parameter("Watch", "Named", sets: "Watch"));
        Assert.Equal(new[] { "Count" }, both.Syntaxes[0].Select(p => p.Name));
        Assert.Equal(new[] { "Count", "Watch" }, both.Syntaxes[1].Select(p => p.Name));
    }

    [Fact]
    public void AcceptedValuesBecomeAValueGroupInSyntaxOnly()
    {
        XElement command = Maml1(Page(Parameter("Family", "Named", type: "IPAddressFamily[]", extra: "Accepted values: IPv4, IPv6\n")));
        XElement inSyntax = command.Descendants(Command + "syntaxItem").Single().Element(Command + "parameter")!;
        Assert.Equal(new[] { "IPv4", "IPv6" }, inSyntax.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
        Assert.Equal("IPAddressFamily[]", inSyntax.Element(Command + "parameterValue")!.Value);
        XElement inParameters = command.Element(Command + "parameters")!.Element(Command + "parameter")!;
        Assert.Null(inParameters.Element(Command + "parameterValueGroup"));
    }

    [Fact]
    public void ASwitchHasNoValueInSyntaxAndAnOptionalSwitchParameterValueInParameters()
    {
        XElement command = Maml1(Page(Parameter("Fast", "Named", type: "SwitchParameter", defaultValue: "None")));
        XElement inSyntax = command.Descendants(Command + "syntaxItem").Single().Element(Command + "parameter")!;
        Assert.Null(inSyntax.Element(Command + "parameterValue"));
        XElement inParameters = command.Element(Command + "parameters")!.Element(Command + "parameter")!;
        XElement value = inParameters.Element(Command + "parameterValue")!;
        Assert.Equal(("false", "SwitchParameter"), (value.Attribute("required")!.Value, value.Value));
        Assert.Equal("False", inParameters.Element(Dev + "defaultValue")!.Value);
        Assert.Equal(
            new[] { "required", "variableLength", "globbing", "pipelineInput", "position", "aliases" },
            inParameters.Attributes().Select(a => a.Name.LocalName));
        Assert.Equal("true", inParameters.Attribute("variableLength")!.Value);
        Assert.Equal("named", inParameters.Attribute("position")!.Value);
    }

    [Fact]
    public void AnExampleIsItsCodeBlocksJoinedThenTheParagraphAfterThem()
    {
        HelpPage page = Page(string.Empty, "### Example 1: Two blocks\nIgnored intro.\n\n```powershell\nGet-Foo\n```\n\n```\nout put\n```\n\nWhat it shows,\nin two lines.\n");
        HelpExample example = page.Examples.Single();
        Assert.Equal("Get-Foo\r\n\r\nout put", example.Code);
        Assert.Equal("What it shows, in two lines.", example.Remarks);
        XElement title = Maml1(page).Descendants(Maml + "title").Single();
        Assert.Equal("-------------------- Example 1: Two blocks --------------------", title.Value);
    }

    [Fact]
    public void TheClassicTitleIsPaddedToSixtyFourColumns()
    {
        XElement title = Maml1(Page(string.Empty, "### Example 1\n```powershell\nGet-Foo\n```\n")).Descendants(Maml + "title").Single();
        Assert.Equal("-------------------------- Example 1 --------------------------", title.Value);
    }

    [Theory]
    [InlineData("### Example 1\n```powershell\nGet-Foo\n```\n\nRemarks.\n\n```\nmore code\n```\n", "a code block after an example's remarks")]
    [InlineData("", "a code block in DESCRIPTION", "Text.\n\n```\ncode\n```\n")]
    public void WhatPlatyPSRejectsIsRejected(string examples, string because, string description = "Text.\n")
    {
        Assert.Throws<FormatException>(() => Page(string.Empty, examples, description));
        Assert.NotEmpty(because);
    }

    [Fact]
    public void ParagraphsBecomeParasAndLinksWithoutAnAbsoluteUriHaveAnEmptyOne()
    {
        HelpPage page = Page(string.Empty, description: "One\nline.\n\nTwo.\n", links: "[about_Foo](about_Foo.md)\n\n[Online](https://example.invalid/foo)\n");
        XElement command = Maml1(page);
        Assert.Equal(new[] { "One line.", "Two." }, command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));
        Assert.Equal(new[] { string.Empty, "https://example.invalid/foo" }, command.Descendants(Maml + "navigationLink").Select(l => l.Element(Maml + "uri")!.Value));
    }

    [Fact]
    public void TheCommandElementHasPlatyPSsSectionsInItsOrder()
    {
        XElement command = Maml1(Page(Parameter("Name", "0")));
        Assert.Equal(
            new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" },
            command.Elements().Select(e => e.Name.LocalName));
    }

    private static string Parameter(string name, string position, string type = "String", string sets = "(All)", string extra = "", string defaultValue = "None") =>
        $"### -{name}\n{name} text.\n\n```yaml\nType: {type}\nParameter Sets: {sets}\nAliases:\n{extra}\nRequired: False\nPosition: {position}\nDefault value: {defaultValue}\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n";

    private static HelpPage Page(string parameters, string examples = "", string description = "Text.\n", string links = "") =>
        CommandPageReader.Read(
            "---\nschema: 2.0.0\n---\n\n# Get-Foo\n\n## SYNOPSIS\nSays foo.\n\n## SYNTAX\n\n```\nGet-Foo\n```\n\n## DESCRIPTION\n" + description +
            "\n## EXAMPLES\n\n" + examples + "\n## PARAMETERS\n\n" + parameters + "### CommonParameters\nCommon.\n\n## INPUTS\n\n## OUTPUTS\n\n## NOTES\n\n## RELATED LINKS\n\n" + links).Single();

    private static XElement Maml1(HelpPage page) =>
        XDocument.Parse(MamlWriter.Write(new[] { page })).Root!.Elements().Single();
}
