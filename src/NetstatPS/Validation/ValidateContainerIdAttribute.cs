using System.Collections;
using System.Management.Automation;

namespace NetstatPS.Validation;

/// <summary>Accepts container ids and their first characters (hex digits, as docker ps shows them), with * and ? wildcards; names each bad value.</summary>
public sealed class ValidateContainerIdAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object? value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        foreach (object? element in value is string || value is not IEnumerable ? new[] { value } : (IEnumerable)value)
        {
            object? item = element is PSObject w ? w.BaseObject : element;
            if (item is not string id || id.Length == 0 || !IsIdOrPattern(id))
            {
                throw new ValidationMetadataException(
                    $"'{DisplayText.Escape(item?.ToString())}' is not a container id. Give the id or its first characters (hex digits 0-9 and a-f, as docker ps shows them); * and ? are allowed as wildcards.");
            }
        }
    }

    private static bool IsIdOrPattern(string id)
    {
        foreach (char c in id)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '*' || c == '?'))
            {
                return false;
            }
        }

        return true;
    }
}
