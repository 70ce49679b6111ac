using System;
using System.Collections.Generic;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// Which parameter sets one documented parameter belongs to, in the order its yaml blocks name them, with
/// the parameter metadata for each set; "(All)" when a block names no set. Set names ignore case.
/// </summary>
internal sealed class ParameterSetMap
{
    public const string AllSets = "(All)";

    private readonly List<(string Set, HelpParameter Parameter)> entries = new();

    public IEnumerable<string> Sets
    {
        get
        {
            foreach (var (set, _) in this.entries)
            {
                yield return set;
            }
        }
    }

    /// <summary>True when the parameter was only ever declared for "(All)".</summary>
    public bool IsOnlyAllSets => this.entries.Count == 1 && this.entries[0].Set == AllSets;

    public HelpParameter? this[string set] =>
        this.entries.Find(e => string.Equals(e.Set, set, StringComparison.OrdinalIgnoreCase)).Parameter;

    /// <summary>Later blocks replace an earlier block's metadata for the same set, keeping its place.</summary>
    public void Set(string set, HelpParameter parameter)
    {
        int i = this.entries.FindIndex(e => string.Equals(e.Set, set, StringComparison.OrdinalIgnoreCase));
        if (i >= 0)
        {
            this.entries[i] = (this.entries[i].Set, parameter);
        }
        else
        {
            this.entries.Add((set, parameter));
        }
    }
}
