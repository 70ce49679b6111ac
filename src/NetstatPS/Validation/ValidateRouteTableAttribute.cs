using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace NetstatPS.Validation;

/// <summary>Accepts main, local, default, all, or a table number 0–4294967295, naming each bad value.</summary>
public sealed class ValidateRouteTableAttribute : ValidateEnumeratedArgumentsAttribute
{
    /// <summary>The table names every Linux kernel knows without /etc/iproute2/rt_tables.</summary>
    internal static readonly string[] WellKnownNames = { "main", "local", "default", "all" };

    /// <inheritdoc />
    protected override void ValidateElement(object element)
    {
        string text = ValidationText.Of(element);
        bool named = WellKnownNames.Contains(text, StringComparer.OrdinalIgnoreCase);
        if (!named && !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new ValidationMetadataException(
                $"'{text}' is not a routing table. Use main, local, default, all, or a table number from 0 to 4294967295.");
        }
    }
}
