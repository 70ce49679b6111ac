using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Reads the routing table names iproute2 reads, in its order: /etc/iproute2/rt_tables, or when that file
/// does not exist the distribution's copy (/usr/share/iproute2/rt_tables on newer iproute2, or
/// /usr/lib/iproute2); then every *.conf of the distribution's rt_tables.d that /etc/iproute2/rt_tables.d
/// does not override by file name; then /etc/iproute2/rt_tables.d/*.conf. Missing files are normal (a
/// container without iproute2): the kernel's main, local and default remain.
/// </summary>
internal sealed class LinuxRouteTableFiles
{
    private const string TablesFile = "rt_tables";
    private const string TablesDirectory = "rt_tables.d";

    private readonly string etc;
    private readonly string[] vendor;

    /// <summary>Reads the real files.</summary>
    public LinuxRouteTableFiles()
        : this("/etc/iproute2", "/usr/share/iproute2", "/usr/lib/iproute2")
    {
    }

    /// <summary>Reads other directories (tests).</summary>
    /// <param name="etc">The administrator's directory (/etc/iproute2).</param>
    /// <param name="vendor">The distribution's directories, first existing one used (/usr/share/iproute2 …).</param>
    internal LinuxRouteTableFiles(string etc, params string[] vendor)
    {
        this.etc = etc;
        this.vendor = vendor;
    }

    /// <summary>Reads the names now (they are small files an administrator may edit at any time, so never cached).</summary>
    /// <returns>The map.</returns>
    public LinuxRouteTableNameMap Read()
    {
        var map = new LinuxRouteTableNameMap();
        string? usr = Array.Find(this.vendor, Directory.Exists);
        string etcTables = Path.Combine(this.etc, TablesFile);
        if (File.Exists(etcTables))
        {
            Load(etcTables, map);
        }
        else if (usr is not null)
        {
            Load(Path.Combine(usr, TablesFile), map);
        }

        string etcDir = Path.Combine(this.etc, TablesDirectory);
        if (usr is not null)
        {
            foreach (string file in ConfFiles(Path.Combine(usr, TablesDirectory)))
            {
                if (!File.Exists(Path.Combine(etcDir, Path.GetFileName(file))))
                {
                    Load(file, map);
                }
            }
        }

        foreach (string file in ConfFiles(etcDir))
        {
            Load(file, map);
        }

        return map;
    }

    // iproute2 takes every "*.conf" not starting with a dot, in readdir order; sorted here so the result
    // does not depend on the file system when two files name the same table.
    private static IEnumerable<string> ConfFiles(string directory)
    {
        try
        {
            return Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*.conf")
                    .Where(f => !Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal) && Path.GetFileName(f).Length > 5)
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToArray()
                : Array.Empty<string>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private static void Load(string path, LinuxRouteTableNameMap map)
    {
        if (LinuxFiles.ReadAll(path) is byte[] text)
        {
            var pairs = new List<RouteTableName>();
            LinuxRouteTableFileDecoder.Decode(text, pairs);
            map.Add(pairs);
        }
    }
}
