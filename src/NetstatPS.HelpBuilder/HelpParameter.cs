using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NetstatPS.HelpBuilder;

/// <summary>One parameter: its description and the PlatyPS yaml block's fields.</summary>
internal sealed class HelpParameter
{
    private readonly Dictionary<string, string> fields;

    private HelpParameter(string name, string description, Dictionary<string, string> fields)
    {
        this.Name = name;
        this.Description = description;
        this.fields = fields;
    }

    public string Name { get; }

    public string Description { get; }

    public string Type => this.Field("Type");

    public string Sets => this.Field("Parameter Sets");

    public string Aliases => this.Field("Aliases");

    public bool Required => this.Field("Required").Equals("True", StringComparison.OrdinalIgnoreCase);

    public string Position => this.Field("Position");

    public string DefaultValue => this.Field("Default value");

    public string PipelineInput => this.Field("Accept pipeline input");

    public bool Globbing => this.Field("Accept wildcard characters").Equals("True", StringComparison.OrdinalIgnoreCase);

    public bool IsSwitch => this.Type == "SwitchParameter";

    public static HelpParameter Parse(string name, string body)
    {
        Match yaml = Regex.Match(body, @"(?s)```yaml\n(.*?)```");
        if (!yaml.Success)
        {
            throw new FormatException($"parameter -{name} has no yaml block");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in yaml.Groups[1].Value.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
        }

        return new HelpParameter(name, body.Substring(0, yaml.Index).Trim(), fields);
    }

    public bool InSet(string set) => this.Sets == "(All)" || Array.Exists(this.Sets.Split(','), s => s.Trim() == set);

    private string Field(string key) => this.fields.TryGetValue(key, out string? v) ? v : string.Empty;
}
