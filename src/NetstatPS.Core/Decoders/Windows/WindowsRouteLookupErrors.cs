using System.Globalization;

namespace NetstatPS.Decoders.Windows;

/// <summary>The message for a Win32 error GetBestRoute2 returns, naming the address.</summary>
internal static class WindowsRouteLookupErrors
{
    /// <summary>ERROR_FILE_NOT_FOUND: the interface given does not exist.</summary>
    public const uint FileNotFound = 2;

    /// <summary>ERROR_NOT_SUPPORTED: the stack of the address's family is not there (or the call is a stub).</summary>
    public const uint NotSupported = 50;

    /// <summary>ERROR_INVALID_PARAMETER.</summary>
    public const uint InvalidParameter = 87;

    /// <summary>ERROR_NOT_FOUND: no route matches.</summary>
    public const uint NotFound = 1168;

    /// <summary>ERROR_NETWORK_UNREACHABLE.</summary>
    public const uint NetworkUnreachable = 1231;

    /// <summary>ERROR_HOST_UNREACHABLE.</summary>
    public const uint HostUnreachable = 1232;

    /// <summary>The error's name and number, as in "50 (ERROR_NOT_SUPPORTED)".</summary>
    /// <param name="error">The Win32 error.</param>
    /// <returns>The text.</returns>
    public static string Name(uint error)
    {
        string? name = error switch
        {
            FileNotFound => "ERROR_FILE_NOT_FOUND",
            NotSupported => "ERROR_NOT_SUPPORTED",
            InvalidParameter => "ERROR_INVALID_PARAMETER",
            NotFound => "ERROR_NOT_FOUND",
            NetworkUnreachable => "ERROR_NETWORK_UNREACHABLE",
            HostUnreachable => "ERROR_HOST_UNREACHABLE",
            _ => null,
        };
        string number = error.ToString(CultureInfo.InvariantCulture);
        return name is null ? number : $"{number} ({name})";
    }

    /// <summary>The message for a refused lookup.</summary>
    /// <param name="destination">The address.</param>
    /// <param name="error">The Win32 error.</param>
    /// <returns>The text.</returns>
    public static string Message(string destination, uint error)
    {
        string meaning = error switch
        {
            NotFound or NetworkUnreachable or HostUnreachable => ": no route matches it",
            FileNotFound => ": the interface given does not exist",
            InvalidParameter => ": the source address or interface cannot be used for it",
            _ => string.Empty,
        };
        return $"No route to {destination}: GetBestRoute2 returned {Name(error)}{meaning}.";
    }
}
