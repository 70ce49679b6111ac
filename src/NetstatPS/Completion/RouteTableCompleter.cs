using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using NetstatPS.Validation;

namespace NetstatPS.Completion;

/// <summary>Tab completion for -Table: the table names every kernel knows, "all", then the names rt_tables defines (read at each completion).</summary>
public sealed class RouteTableCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionMatches.For(ValidateRouteTableAttribute.KnownNames(), wordToComplete);
}
