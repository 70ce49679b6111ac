namespace NetstatPS.HelpBuilder;

/// <summary>
/// One example as it reaches MAML: the title, every code block of the example joined by a blank line,
/// and the one paragraph after the code. Text before the code is read but never written (platyPS 0.14
/// drops it too).
/// </summary>
internal sealed record HelpExample(string Title, string Code, string Remarks);
