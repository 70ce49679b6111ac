using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetstatPS.HelpBuilder;

/// <summary>One cmdlet's PlatyPS markdown page, split into the parts MAML needs.</summary>
internal sealed class HelpPage
{
    private HelpPage(string name) => this.Name = name;

    public string Name { get; }

    public string Synopsis { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public List<(string Name, bool IsDefault)> ParameterSets { get; } = new();

    public List<HelpExample> Examples { get; } = new();

    public List<HelpParameter> Parameters { get; } = new();

    public List<(string Type, string Description)> Inputs { get; } = new();

    public List<(string Type, string Description)> Outputs { get; } = new();

    public string Notes { get; private set; } = string.Empty;

    public List<string> RelatedLinks { get; } = new();

    public static HelpPage Parse(string markdown)
    {
        string text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        Match title = Regex.Match(text, @"(?m)^# (\S+)\s*$");
        if (!title.Success)
        {
            throw new FormatException("no '# Cmdlet-Name' title");
        }

        var page = new HelpPage(title.Groups[1].Value);
        Dictionary<string, string> sections = SplitSections(text, "## ");
        page.Synopsis = sections.GetValueOrDefault("SYNOPSIS", string.Empty).Trim();
        page.Description = sections.GetValueOrDefault("DESCRIPTION", string.Empty).Trim();
        page.Notes = sections.GetValueOrDefault("NOTES", string.Empty).Trim();

        foreach (Match set in Regex.Matches(sections.GetValueOrDefault("SYNTAX", string.Empty), @"(?m)^### (\w+)( \(Default\))?"))
        {
            page.ParameterSets.Add((set.Groups[1].Value, set.Groups[2].Success));
        }

        foreach (var (heading, body) in SplitSections(sections.GetValueOrDefault("EXAMPLES", string.Empty), "### "))
        {
            Match code = Regex.Match(body, @"(?s)```powershell\n(.*?)```");
            string remarks = code.Success ? body.Remove(code.Index, code.Length) : body;
            page.Examples.Add(new HelpExample(heading, code.Success ? code.Groups[1].Value.TrimEnd() : string.Empty, remarks.Trim()));
        }

        foreach (var (heading, body) in SplitSections(sections.GetValueOrDefault("PARAMETERS", string.Empty), "### "))
        {
            if (heading.StartsWith('-'))
            {
                page.Parameters.Add(HelpParameter.Parse(heading.Substring(1), body));
            }
        }

        page.Inputs.AddRange(SplitSections(sections.GetValueOrDefault("INPUTS", string.Empty), "### ").Select(kv => (kv.Key, kv.Value.Trim())));
        page.Outputs.AddRange(SplitSections(sections.GetValueOrDefault("OUTPUTS", string.Empty), "### ").Select(kv => (kv.Key, kv.Value.Trim())));
        foreach (Match link in Regex.Matches(sections.GetValueOrDefault("RELATED LINKS", string.Empty), @"\[([^\]]+)\]"))
        {
            page.RelatedLinks.Add(link.Groups[1].Value);
        }

        return page;
    }

    /// <summary>Splits on headings of one level, keeping order; text inside code fences is never a heading.</summary>
    internal static Dictionary<string, string> SplitSections(string text, string marker)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new List<string>();
        bool inFence = false;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith(marker, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    result[current] = string.Join("\n", body);
                }

                current = line.Substring(marker.Length).Trim();
                body.Clear();
            }
            else if (current is not null)
            {
                if (!inFence && marker == "### " && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    break;
                }

                body.Add(line);
            }
        }

        if (current is not null)
        {
            result[current] = string.Join("\n", body);
        }

        return result;
    }
}
