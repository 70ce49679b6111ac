using System.Management.Automation;
using NetstatPS.Filtering;

namespace NetstatPS.Validation;

/// <summary>Rejects at binding time any value that is not an IP address or CIDR prefix, naming the value and what is allowed.</summary>
public sealed class ValidateAddressOrPrefixAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (!AddressFilter.TryParse(value?.ToString(), out _, out string? error))
        {
            throw new ValidationMetadataException(error);
        }
    }
}
