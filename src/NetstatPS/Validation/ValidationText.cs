using System.Globalization;
using System.Management.Automation;

namespace NetstatPS.Validation;

/// <summary>The text of one bound element, unwrapped from its PSObject, as the validators quote it.</summary>
internal static class ValidationText
{
    /// <summary>The element as text; empty for null.</summary>
    public static string Of(object? element)
    {
        object? value = element is PSObject wrapped ? wrapped.BaseObject : element;
        return System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
