namespace NetstatPS.HelpBuilder;

/// <summary>A RELATED LINKS entry: the link text and its target as written.</summary>
internal sealed record HelpLink(string Name, string Uri);
