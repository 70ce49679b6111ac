using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// Writes help pages as the MAML platyPS 0.14's New-ExternalHelp writes (Renderer/MamlRenderer.cs): the
/// same elements in the same order and the same attribute values, because Get-Help renders each of
/// them. Text is split into one maml:para per line break of the model text.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    /// <summary>The MAML file's text, with the few space characters platyPS normalises replaced.</summary>
    public static string Write(IEnumerable<HelpPage> pages)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), pages.Select(CommandElement)));
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true))
        {
            document.Save(writer, SaveOptions.OmitDuplicateNamespaces);
        }

        return TextNormalizer.Spaces(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static XElement CommandElement(HelpPage page)
    {
        string verb = page.Name.Split('-')[0];
        string noun = page.Name.Substring(Math.Min(verb.Length + 1, page.Name.Length));
        return new XElement(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(
                Command + "details",
                new XElement(Command + "name", page.Name),
                new XElement(Command + "verb", verb),
                new XElement(Command + "noun", noun),
                new XElement(Maml + "description", Paragraphs(page.Synopsis))),
            new XElement(Maml + "description", Paragraphs(page.Description)),
            new XElement(Command + "syntax", page.Syntaxes.Select(s => SyntaxItem(page.Name, s))),
            new XElement(Command + "parameters", page.Parameters.Select(p => Parameter(p, inSyntax: false))),
            new XElement(Command + "inputTypes", page.Inputs.Select(i => TypeEntry(Command + "inputType", i))),
            new XElement(Command + "returnValues", page.Outputs.Select(o => TypeEntry(Command + "returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.Notes))),
            new XElement(Command + "examples", page.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", page.Links.Select(Link)));
    }

    private static XElement SyntaxItem(string name, IReadOnlyList<HelpParameter> parameters) =>
        new(Command + "syntaxItem", new XElement(Maml + "name", name), parameters.Select(p => Parameter(p, inSyntax: true)));

    /// <summary>
    /// In a syntax item a parameter with accepted values also lists them (Get-Help shows {A | B}), and a
    /// switch has no parameterValue (Get-Help shows [-Name]); in PARAMETERS a switch's value is
    /// SwitchParameter, not required (Get-Help shows [&lt;SwitchParameter&gt;]).
    /// </summary>
    private static XElement Parameter(HelpParameter p, bool inSyntax)
    {
        string type = p.Type is null ? string.Empty : p.IsSwitch ? "SwitchParameter" : p.Type;
        return new XElement(
            Command + "parameter",
            new XAttribute("required", p.Required),
            new XAttribute("variableLength", p.VariableLength),
            new XAttribute("globbing", p.Globbing),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", p.Position.ToLowerInvariant()),
            new XAttribute("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none"),
            new XElement(Maml + "name", p.Name),
            new XElement(Maml + "description", Paragraphs(p.Description)),
            inSyntax && p.ValueGroup.Count > 0
                ? new XElement(Command + "parameterValueGroup", p.ValueGroup.Select(ValueGroupEntry))
                : null,
            !inSyntax || !p.IsSwitch
                ? new XElement(Command + "parameterValue", new XAttribute("required", p.ValueRequired), new XAttribute("variableLength", p.ValueVariableLength), type)
                : null,
            new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", p.IsSwitch && (string.IsNullOrEmpty(p.DefaultValue) || p.DefaultValue == "None") ? "False" : p.DefaultValue ?? "None"));
    }

    // platyPS puts this one variableLength attribute in the command namespace; Get-Help ignores it either way.
    private static XElement ValueGroupEntry(string value) =>
        new(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), value);

    private static XElement TypeEntry(XName name, HelpTypeEntry entry) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", entry.TypeName)), new XElement(Maml + "description", Paragraphs(entry.Description)));

    private static XElement Example(HelpExample example) =>
        new(
            Command + "example",
            new XElement(Maml + "title", PadTitle(example.Title)),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks)));

    // Only absolute uris are written: Get-Help rejects help whose links are not valid uris (platyPS issue 164).
    private static XElement Link(HelpLink link) =>
        new(
            Maml + "navigationLink",
            new XElement(Maml + "linkText", link.Name),
            new XElement(Maml + "uri", Uri.TryCreate(link.Uri, UriKind.Absolute, out _) ? link.Uri : string.Empty));

    /// <summary>One maml:para per line of the model text (a blank line in the docs); none for a missing section.</summary>
    private static IEnumerable<XElement> Paragraphs(string? text) =>
        text is null ? Enumerable.Empty<XElement>() : text.Split("\r\n").Select(p => new XElement(Maml + "para", p));

    /// <summary>Centres a title shorter than 62 characters in dashes, to about 64 columns, as platyPS does.</summary>
    private static string PadTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= 62)
        {
            return title;
        }

        int pad = (64 - title.Length - 2) / 2;
        return new string('-', pad) + " " + title + " " + new string('-', pad);
    }
}
