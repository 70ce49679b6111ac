using System.Collections.Generic;

namespace NetstatPS.Readers;

/// <summary>Each owner of a set of rows once: owner details are read per process, not per socket.</summary>
internal static class DistinctOwners
{
    /// <summary>The distinct owners of <paramref name="rows"/>, in the order first seen.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>Each owner once (owners are shared per process within a call, so identity is enough).</returns>
    public static List<ProcessOwner> Of(IReadOnlyList<Connection> rows)
    {
        var owners = new List<ProcessOwner>();
        // ProcessOwner keeps reference equality, so the set compares identities.
        var seen = new HashSet<ProcessOwner>();
        ProcessOwner? last = null;
        foreach (Connection c in rows)
        {
            int count = c.OwnerCount;
            if (count == 1)
            {
                Add(c.FirstOwner!, owners, seen, ref last);
            }
            else if (count > 1)
            {
                foreach (ProcessOwner owner in c.Owners)
                {
                    Add(owner, owners, seen, ref last);
                }
            }
        }

        return owners;
    }

    private static void Add(ProcessOwner owner, List<ProcessOwner> owners, HashSet<ProcessOwner> seen, ref ProcessOwner? last)
    {
        // Rows of one process usually come together: skip the hash for the run.
        if (!ReferenceEquals(owner, last) && seen.Add(owner))
        {
            owners.Add(owner);
        }

        last = owner;
    }
}
