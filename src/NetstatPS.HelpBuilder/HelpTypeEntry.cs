namespace NetstatPS.HelpBuilder;

/// <summary>An INPUTS or OUTPUTS entry: the type named by its heading and the paragraph under it.</summary>
internal sealed record HelpTypeEntry(string TypeName, string Description);
