using System.Management.Automation;
using NetstatPS.Filtering;

namespace NetstatPS.Validation;

/// <summary>
/// Rejects at binding time any element that is not an IP address or CIDR prefix, naming that element
/// and what is allowed. Derives from ValidateEnumeratedArgumentsAttribute because PowerShell hands a
/// plain ValidateArgumentsAttribute the whole string[] at once.
/// </summary>
public sealed class ValidateAddressOrPrefixAttribute : ValidateEnumeratedArgumentsAttribute
{
    /// <inheritdoc />
    protected override void ValidateElement(object element)
    {
        if (!AddressFilter.TryParse(ValidationText.Of(element), out _, out string? error))
        {
            throw new ValidationMetadataException(DisplayText.Escape(error));
        }
    }
}
