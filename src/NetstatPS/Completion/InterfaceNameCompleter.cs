using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.Completion;

/// <summary>Tab completion for interface names: the interfaces this machine has now.</summary>
public sealed class InterfaceNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> names;
        try
        {
            names = InterfaceStatisticReader.Read(new InterfaceQuery()).Items.OrderBy(i => i.Index).Select(i => i.Name);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or System.IO.IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or NetstatDecodeException)
        {
            // Completion must never throw at the prompt; with nothing readable there is nothing to offer.
            names = Array.Empty<string>();
        }

        return CompletionMatches.For(names, wordToComplete);
    }
}
