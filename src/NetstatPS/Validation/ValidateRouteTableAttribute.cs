using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using NetstatPS.Readers;

namespace NetstatPS.Validation;

/// <summary>
/// Accepts main, local, default, all, a table number 0–4294967295, or a name the OS defines (Linux:
/// /etc/iproute2/rt_tables and rt_tables.d), naming each bad value and the names there are.
/// </summary>
public sealed class ValidateRouteTableAttribute : ValidateEnumeratedArgumentsAttribute
{
    /// <summary>The table names every Linux kernel knows without /etc/iproute2/rt_tables.</summary>
    internal static readonly string[] WellKnownNames = { "main", "local", "default", "all" };

    /// <summary>The names to offer and accept: the well-known ones, then the OS's own in table order (table 0, unspec, holds no routes).</summary>
    /// <returns>The names.</returns>
    internal static IReadOnlyList<string> KnownNames() =>
        WellKnownNames.Concat(RouteReader.TableNames().Where(t => t.Id != 0).Select(t => t.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <inheritdoc />
    protected override void ValidateElement(object element)
    {
        string text = ValidationText.Of(element);
        if (WellKnownNames.Contains(text, StringComparer.OrdinalIgnoreCase) || uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return;
        }

        IReadOnlyList<RouteTableName> defined = RouteReader.TableNames();
        if (defined.Any(t => string.Equals(t.Name, text.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        // Listed as completion offers them: table 0 (unspec) holds no routes.
        string[] offered = defined.Where(t => t.Id != 0).Select(t => t.Name).ToArray();
        string custom = offered.Length == 0
            ? string.Empty
            : " Names defined in rt_tables here: " + DisplayText.Escape(string.Join(", ", offered)) + ".";
        throw new ValidationMetadataException(
            $"'{DisplayText.Escape(text)}' is not a routing table. Use main, local, default, all, a table number from 0 to 4294967295, or a name from /etc/iproute2/rt_tables.{custom}");
    }
}
