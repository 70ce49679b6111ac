using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace NetstatPS.HelpBuilder;

/// <summary>Writes help pages as the MAML that Get-Help reads (the schema platyPS's New-ExternalHelp emits).</summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<HelpPage> pages) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                pages.Select(Command_)));

    private static XElement Command_(HelpPage page)
    {
        string[] parts = page.Name.Split('-', 2);
        return new XElement(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(
                Command + "details",
                new XElement(Command + "name", page.Name),
                new XElement(Command + "verb", parts[0]),
                new XElement(Command + "noun", parts.Length > 1 ? parts[1] : string.Empty),
                Paragraphs(Maml + "description", page.Synopsis)),
            Paragraphs(Maml + "description", page.Description),
            new XElement(Command + "syntax", Sets(page).Select(set => SyntaxItem(page, set))),
            new XElement(Command + "parameters", page.Parameters.Select(Parameter)),
            new XElement(Command + "inputTypes", page.Inputs.Select(i => TypeEntry(Command + "inputType", i))),
            new XElement(Command + "returnValues", page.Outputs.Select(o => TypeEntry(Command + "returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(page.Notes))),
            new XElement(
                Command + "examples",
                page.Examples.Select(e => new XElement(
                    Command + "example",
                    new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
            new XElement(
                Command + "relatedLinks",
                page.RelatedLinks.Select(l => new XElement(
                    Maml + "navigationLink",
                    new XElement(Maml + "linkText", l),
                    new XElement(Maml + "uri", string.Empty)))));
    }

    private static IEnumerable<string> Sets(HelpPage page) =>
        page.ParameterSets.Count == 0 ? new[] { "(All)" } : page.ParameterSets.OrderByDescending(s => s.IsDefault).Select(s => s.Name);

    private static XElement SyntaxItem(HelpPage page, string set) =>
        new(
            Command + "syntaxItem",
            new XElement(Maml + "name", page.Name),
            page.Parameters.Where(p => set == "(All)" || p.InSet(set)).Select(Parameter));

    private static XElement Parameter(HelpParameter p) =>
        new(
            Command + "parameter",
            new XAttribute("required", p.Required ? "true" : "false"),
            new XAttribute("variableLength", p.Type.EndsWith("[]", System.StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", p.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", string.IsNullOrEmpty(p.PipelineInput) ? "False" : p.PipelineInput),
            new XAttribute("position", p.Position == "Named" ? "named" : p.Position),
            new XAttribute("aliases", string.IsNullOrEmpty(p.Aliases) ? "none" : p.Aliases),
            new XElement(Maml + "name", p.Name),
            Paragraphs(Maml + "description", p.Description),
            p.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", p.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", string.IsNullOrEmpty(p.DefaultValue) ? "None" : p.DefaultValue));

    private static XElement TypeEntry(XName name, (string Type, string Description) entry) =>
        new(
            name,
            new XElement(Dev + "type", new XElement(Maml + "name", entry.Type)),
            Paragraphs(Maml + "description", entry.Description));

    private static XElement Paragraphs(XName name, string text) => new(name, Paras(text));

    // Markdown paragraphs are separated by blank lines; inside one, line breaks are just wrapping.
    private static IEnumerable<XElement> Paras(string text) =>
        text.Split("\n\n")
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(p => new XElement(Maml + "para", p.StartsWith("```", System.StringComparison.Ordinal) ? p.Trim('`').Trim() : string.Join(" ", p.Split('\n').Select(l => l.Trim()))));
}
