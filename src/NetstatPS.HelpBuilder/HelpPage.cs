using System.Collections.Generic;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// One command's help as platyPS 0.14 models it before writing MAML (Model/MAML/MamlCommand.cs). A
/// section missing from the docs is null; a section present but empty is "".
/// </summary>
internal sealed class HelpPage
{
    public HelpPage(string name) => this.Name = name;

    public string Name { get; }

    public string? Synopsis { get; set; }

    public string? Description { get; set; }

    public string? Notes { get; set; }

    /// <summary>One list of parameters per syntax, in the order Get-Help shows them.</summary>
    public List<IReadOnlyList<HelpParameter>> Syntaxes { get; } = new();

    public List<HelpParameter> Parameters { get; } = new();

    public List<HelpExample> Examples { get; } = new();

    public List<HelpTypeEntry> Inputs { get; } = new();

    public List<HelpTypeEntry> Outputs { get; } = new();

    public List<HelpLink> Links { get; } = new();
}
