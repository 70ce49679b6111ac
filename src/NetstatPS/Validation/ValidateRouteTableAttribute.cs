using System;
using System.Globalization;
using System.Management.Automation;

namespace NetstatPS.Validation;

/// <summary>Accepts main, local, default, all, or a table number 0–4294967295.</summary>
public sealed class ValidateRouteTableAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        string text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
        bool named = text.Equals("main", StringComparison.OrdinalIgnoreCase) || text.Equals("local", StringComparison.OrdinalIgnoreCase) ||
                     text.Equals("default", StringComparison.OrdinalIgnoreCase) || text.Equals("all", StringComparison.OrdinalIgnoreCase);
        if (!named && !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new ValidationMetadataException(
                $"'{text}' is not a routing table. Use main, local, default, all, or a table number from 0 to 4294967295.");
        }
    }
}
