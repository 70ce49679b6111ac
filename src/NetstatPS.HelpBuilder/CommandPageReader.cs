using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.HelpBuilder.Markdown;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// Reads a cmdlet page (platyPS schema 2.0.0) into a <see cref="HelpPage"/> with the grammar of platyPS
/// 0.14's ModelTransformerVersion2: level-2 sections in any order, each read by its own rule, and
/// anything the grammar does not expect (a code block in DESCRIPTION, a second paragraph after an
/// example's remarks, an unknown section or yaml key) is an error, as it is for New-ExternalHelp.
/// </summary>
internal sealed class CommandPageReader
{
    private static readonly string[] YamlKeys =
    {
        "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters", "Applicable",
    };

    private readonly NodeStream nodes;
    private readonly List<ParameterSetMap> setMaps = new();

    private CommandPageReader(IReadOnlyList<MarkdownNode> nodes) => this.nodes = new NodeStream(nodes);

    /// <summary>The commands of one markdown file (platyPS allows several '# Name' pages in one file).</summary>
    public static List<HelpPage> Read(string markdown)
    {
        var reader = new CommandPageReader(PlatyMarkdownParser.Parse(markdown));
        var pages = new List<HelpPage>();
        for (MarkdownNode? node = reader.nodes.Next(); node is not null; node = reader.nodes.Next())
        {
            if (node is not HeadingNode heading)
            {
                continue;
            }

            if (heading.Level != 1)
            {
                throw new FormatException($"the page must start with '# Command-Name', not the level-{heading.Level} heading '{heading.Text}'");
            }

            var page = new HelpPage(heading.Text);
            while (reader.Section(page))
            {
            }

            pages.Add(page);
        }

        return pages;
    }

    private static string[] List(string? value) =>
        value is null ? Array.Empty<string>() : value.Split(',').Select(v => v.Trim()).ToArray();

    private bool Section(HelpPage page)
    {
        HeadingNode? heading = this.nodes.Heading(this.nodes.Next(), 2);
        if (heading is null)
        {
            return false;
        }

        switch (heading.Text.ToUpperInvariant())
        {
            case "SYNOPSIS":
                page.Synopsis = this.nodes.ParagraphText();
                break;
            case "DESCRIPTION":
                page.Description = this.nodes.ParagraphText();
                break;
            case "NOTES":
                page.Notes = this.nodes.ParagraphText();
                break;
            case "SYNTAX":
                this.Syntax();
                break;
            case "EXAMPLES":
                this.Examples(page);
                break;
            case "PARAMETERS":
                this.Parameters(page);
                break;
            case "INPUTS":
                this.TypeEntries(page.Inputs);
                break;
            case "OUTPUTS":
                this.TypeEntries(page.Outputs);
                break;
            case "RELATED LINKS":
                this.Links(page);
                break;
            default:
                throw new FormatException($"unexpected section '## {heading.Text}'");
        }

        return true;
    }

    // The syntax blocks are only checked for shape; the MAML syntax comes from the parameters.
    private void Syntax()
    {
        while (true)
        {
            MarkdownNode? node = this.nodes.Next();
            if (node is CodeBlockNode)
            {
                continue;
            }

            if (this.nodes.Heading(node, 3) is null)
            {
                return;
            }

            this.nodes.CodeBlock();
        }
    }

    private void Examples(HelpPage page)
    {
        for (HeadingNode? title = this.nodes.Heading(this.nodes.Next(), 3); title is not null; title = this.nodes.Heading(this.nodes.Next(), 3))
        {
            _ = this.nodes.ParagraphText();
            var code = new List<string>();
            for (CodeBlockNode? block = this.nodes.CodeBlock(); block is not null; block = this.nodes.CodeBlock())
            {
                code.Add(block.Text);
            }

            page.Examples.Add(new HelpExample(title.Text, string.Join("\r\n\r\n", code), this.nodes.ParagraphText()));
        }
    }

    private void Parameters(HelpPage page)
    {
        for (HeadingNode? heading = this.nodes.Heading(this.nodes.Next(), 3); heading is not null; heading = this.nodes.Heading(this.nodes.Next(), 3))
        {
            string name = heading.Text.StartsWith('-') ? heading.Text.Substring(1) : heading.Text;
            string description = this.nodes.ParagraphsAndCode("yaml");
            if (name.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase) || name.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parameter = new HelpParameter(name, description);
            var sets = new ParameterSetMap();
            HelpParameter? first = null;
            bool anyYaml = false;
            for (CodeBlockNode? block = this.nodes.CodeBlock(); block is not null; block = this.nodes.CodeBlock())
            {
                anyYaml = true;
                Dictionary<string, string?> yaml = Yaml(block, name);
                Fill(parameter, yaml);
                first ??= parameter;
                if (yaml.TryGetValue("Parameter Sets", out string? setNames))
                {
                    foreach (string set in List(setNames).Where(s => s.Length > 0))
                    {
                        sets.Set(set, parameter);
                    }
                }
                else
                {
                    sets.Set(ParameterSetMap.AllSets, parameter);
                }

                parameter = parameter.Copy();
            }

            page.Parameters.Add(anyYaml ? first! : parameter);
            this.setMaps.Add(sets);
        }

        page.Syntaxes.AddRange(SyntaxGatherer.Gather(this.setMaps));
    }

    private static Dictionary<string, string?> Yaml(CodeBlockNode block, string parameter)
    {
        Dictionary<string, string?> yaml;
        try
        {
            yaml = KeyValueBlock.Parse(block.Text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"parameter -{parameter}: {ex.Message}", ex);
        }

        foreach (string key in yaml.Keys)
        {
            if (!YamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"parameter -{parameter}: invalid yaml: unknown key '{key}'");
            }
        }

        return yaml;
    }

    // Keys with empty values count as absent, as in platyPS's FillUpParameterFromKeyValuePairs.
    private static void Fill(HelpParameter p, Dictionary<string, string?> yaml)
    {
        string? Get(string key) => yaml.TryGetValue(key, out string? v) ? v : null;
        p.Type = Get("Type");
        p.Aliases = List(Get("Aliases"));
        p.ValueGroup.AddRange(List(Get("Accepted values")));
        p.Required = string.Equals(Get("Required"), "true", StringComparison.OrdinalIgnoreCase);
        p.Position = Get("Position") ?? "named";
        p.DefaultValue = Get("Default value");
        p.PipelineInput = Get("Accept pipeline input") ?? "false";
        p.Globbing = string.Equals(Get("Accept wildcard characters"), "true", StringComparison.OrdinalIgnoreCase);
        p.ValueRequired = !p.IsSwitch;
    }

    private void TypeEntries(List<HelpTypeEntry> entries)
    {
        for (HeadingNode? type = this.nodes.Heading(this.nodes.Next(), 3); type is not null; type = this.nodes.Heading(this.nodes.Next(), 3))
        {
            entries.Add(new HelpTypeEntry(type.Text, this.nodes.ParagraphText()));
        }
    }

    private void Links(HelpPage page)
    {
        MarkdownNode? node = this.nodes.Next();
        if (node is not ParagraphNode paragraph)
        {
            if (node is not null)
            {
                this.nodes.PutBack();
            }

            return;
        }

        foreach (InlineSpan span in paragraph.Spans)
        {
            if (span.Kind != InlineKind.Link)
            {
                throw new FormatException($"RELATED LINKS holds only [text](uri) links, not '{span.Text}'");
            }

            page.Links.Add(new HelpLink(span.Text, span.Uri));
        }
    }
}
