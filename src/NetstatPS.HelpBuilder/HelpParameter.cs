using System;
using System.Collections.Generic;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// One parameter as platyPS 0.14 models it (Model/MAML/MamlParameter.cs), with its defaults: every
/// parameter is variable-length, a value is required unless the parameter is a switch, the position is
/// Named and pipeline input is "false" until the yaml block says otherwise.
/// </summary>
internal sealed class HelpParameter
{
    public HelpParameter(string name, string description)
    {
        this.Name = name;
        this.Description = description;
    }

    public string Name { get; }

    public string Description { get; }

    public string? Type { get; set; }

    public bool Required { get; set; }

    public string Position { get; set; } = "Named";

    public string? DefaultValue { get; set; }

    public string PipelineInput { get; set; } = "false";

    public bool Globbing { get; set; }

    public IReadOnlyList<string> Aliases { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The "Accepted values" list, shown in syntax as {A | B}. Shared between the copies made for a
    /// parameter's further yaml blocks, as platyPS's shallow copy shares it.
    /// </summary>
    public List<string> ValueGroup { get; private set; } = new();

    public bool ValueRequired { get; set; } = true;

    // platyPS never reads these two from the docs: it writes the defaults of its model.
    public bool VariableLength => true;

    public bool ValueVariableLength => false;

    public bool IsSwitch =>
        string.Equals(this.Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase) || string.Equals(this.Type, "switch", StringComparison.OrdinalIgnoreCase);

    public HelpParameter Copy() => (HelpParameter)this.MemberwiseClone();
}
