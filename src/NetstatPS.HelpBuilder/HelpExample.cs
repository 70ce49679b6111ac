namespace NetstatPS.HelpBuilder;

/// <summary>One example: its title, the code, and the text after it (output and remarks).</summary>
internal sealed record HelpExample(string Title, string Code, string Remarks);
