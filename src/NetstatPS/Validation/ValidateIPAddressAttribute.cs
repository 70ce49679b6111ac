using System.Management.Automation;
using System.Net;

namespace NetstatPS.Validation;

/// <summary>Accepts a single IPv4 or IPv6 address (no prefix), naming the bad value otherwise.</summary>
public sealed class ValidateIPAddressAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        string text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
        if (text.IndexOf('/') >= 0 || !IPAddress.TryParse(text, out _) || (text.IndexOf(':') < 0 && text.Split('.').Length != 4))
        {
            throw new ValidationMetadataException(
                $"'{text}' is not an IP address. Use one IPv4 or IPv6 address, for example 8.8.8.8 or 2001:db8::1 (no prefix length).");
        }
    }
}
