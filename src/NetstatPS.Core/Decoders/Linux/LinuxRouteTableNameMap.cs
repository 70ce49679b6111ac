using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Routing table names both ways: the kernel's three (main 254, local 255, default 253) and whatever the
/// rt_tables files add, later definitions winning as they do in ip. A table without a name is its number.
/// </summary>
internal sealed class LinuxRouteTableNameMap
{
    private readonly Dictionary<long, string> names = new();
    private readonly List<RouteTableName> added = new();

    /// <summary>Creates the map with main, local and default only.</summary>
    public LinuxRouteTableNameMap()
    {
        this.names[LinuxRouteNames.MainTable] = "main";
        this.names[LinuxRouteNames.LocalTable] = "local";
        this.names[LinuxRouteNames.DefaultTable] = "default";
    }

    /// <summary>The map of a kernel without rt_tables files.</summary>
    public static LinuxRouteTableNameMap BuiltIn => new();

    /// <summary>
    /// The names the files define besides main, local and default (a file line "254 main" adds nothing),
    /// one per table id — the name ip shows for it — ordered by id.
    /// </summary>
    public IReadOnlyList<RouteTableName> Defined =>
        this.names.Where(kv => !IsBuiltIn(kv.Key, kv.Value)).OrderBy(kv => kv.Key).Select(kv => new RouteTableName(kv.Key, kv.Value)).ToList();

    /// <summary>Adds file pairs in file order; a later pair for the same id renames it.</summary>
    /// <param name="pairs">The pairs.</param>
    public void Add(IEnumerable<RouteTableName> pairs)
    {
        foreach (RouteTableName p in pairs)
        {
            this.names[p.Id] = p.Name;
            this.added.Add(p);
        }
    }

    /// <summary>The table's name, or its number where none is defined.</summary>
    /// <param name="table">The table id.</param>
    /// <returns>The name.</returns>
    public string NameOf(long table) =>
        this.names.TryGetValue(table, out string? name) ? name : table.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a table name or decimal number: an exact name first, then a name ignoring case (PowerShell
    /// users expect that), the latest definition winning; then main, local and default; then a number.
    /// </summary>
    /// <param name="text">The name or number.</param>
    /// <param name="table">The table id.</param>
    /// <returns>Whether it names a table.</returns>
    public bool TryParse(string text, out long table)
    {
        string t = text.Trim();
        foreach (StringComparison comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            for (int i = this.added.Count - 1; i >= 0; i--)
            {
                if (string.Equals(this.added[i].Name, t, comparison))
                {
                    table = this.added[i].Id;
                    return true;
                }
            }
        }

        return LinuxRouteNames.TryParseTable(t, out table);
    }

    private static bool IsBuiltIn(long id, string name) =>
        (id, name) is (LinuxRouteNames.MainTable, "main") or (LinuxRouteNames.LocalTable, "local") or (LinuxRouteNames.DefaultTable, "default");
}
