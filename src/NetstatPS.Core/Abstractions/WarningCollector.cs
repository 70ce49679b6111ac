using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Collects warnings during one call, each distinct text once, in the order first seen.</summary>
public sealed class WarningCollector
{
    private readonly List<string> warnings = new();
    private readonly HashSet<string> seen = new(System.StringComparer.Ordinal);

    /// <summary>The warnings so far.</summary>
    public IReadOnlyList<string> Items => this.warnings;

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
