using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Collects warnings during one call, each distinct text once, in the order first seen.</summary>
public sealed class WarningCollector
{
    private readonly List<string> warnings = new();
    private readonly HashSet<string> seen = new(System.StringComparer.Ordinal);
    private readonly List<string> verbose = new();

    /// <summary>The warnings so far.</summary>
    public IReadOnlyList<string> Items => this.warnings;

    /// <summary>Verbose messages so far: how the call was answered, for -Verbose (not a problem for the user).</summary>
    public IReadOnlyList<string> VerboseItems => this.verbose;

    /// <summary>Adds a verbose message unless the same text was already added.</summary>
    /// <param name="message">The message.</param>
    public void AddVerbose(string message)
    {
        if (!this.verbose.Contains(message))
        {
            this.verbose.Add(message);
        }
    }

    /// <summary>Adds a warning unless the same text was already added.</summary>
    /// <param name="message">The warning text.</param>
    public void Add(string message)
    {
        if (this.seen.Add(message))
        {
            this.warnings.Add(message);
        }
    }
}
