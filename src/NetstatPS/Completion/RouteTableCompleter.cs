using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NetstatPS.Completion;

/// <summary>Tab completion for -Table: the named tables and "all".</summary>
public sealed class RouteTableCompleter : IArgumentCompleter
{
    private static readonly string[] Names = { "main", "local", "default", "all" };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Names.Where(n => n.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
             .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
