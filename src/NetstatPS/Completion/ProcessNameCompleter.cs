using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NetstatPS.Completion;

/// <summary>
/// Tab completion for -ProcessName: the names of the processes running now, as Get-Process -Name
/// completes them (the names ProcessName shows: comm on Linux, the image name without .exe on Windows).
/// </summary>
public sealed class ProcessNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = new List<string>();
        foreach (Process p in Process.GetProcesses())
        {
            using (p)
            {
                try
                {
                    names.Add(p.ProcessName);
                }
                catch (InvalidOperationException)
                {
                    // The process exited between the snapshot and the read.
                }
            }
        }

        return CompletionMatches.For(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), wordToComplete);
    }
}
