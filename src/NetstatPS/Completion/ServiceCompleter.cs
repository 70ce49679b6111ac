using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NetstatPS.Readers;

namespace NetstatPS.Completion;

/// <summary>Tab completion for -Service: the systemd units processes run in now (Linux), the active services (Windows).</summary>
public sealed class ServiceCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> names;
        try
        {
            names = RunningServiceReader.Read().OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or System.IO.IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Completion must never throw at the prompt.
            names = Array.Empty<string>();
        }

        return CompletionMatches.For(names, wordToComplete);
    }
}
