using System.Management.Automation;
using System.Net;

namespace NetstatPS.Validation;

/// <summary>Accepts IPv4 or IPv6 addresses without a prefix length, naming each bad value.</summary>
public sealed class ValidateIPAddressAttribute : ValidateEnumeratedArgumentsAttribute
{
    /// <inheritdoc />
    protected override void ValidateElement(object element)
    {
        string text = ValidationText.Of(element);

        // IPAddress.TryParse accepts "10.1" and "10" as IPv4 shorthands; an administrator typing them
        // almost always made a typo, so only dotted quads count as IPv4 here.
        if (text.IndexOf('/') >= 0 || !IPAddress.TryParse(text, out _) || (text.IndexOf(':') < 0 && text.Split('.').Length != 4))
        {
            throw new ValidationMetadataException(
                $"'{DisplayText.Escape(text)}' is not an IP address. Use one IPv4 or IPv6 address, for example 192.0.2.1 or 2001:db8::1 (no prefix length).");
        }
    }
}
