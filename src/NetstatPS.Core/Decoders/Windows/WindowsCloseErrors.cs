using System.Globalization;

namespace NetstatPS.Decoders.Windows;

/// <summary>What SetTcpEntry's Win32 error means for the user.</summary>
internal static class WindowsCloseErrors
{
    /// <summary>ERROR_ACCESS_DENIED.</summary>
    public const uint AccessDenied = 5;

    /// <summary>ERROR_NOT_SUPPORTED.</summary>
    public const uint NotSupported = 50;

    /// <summary>ERROR_INVALID_PARAMETER.</summary>
    public const uint InvalidParameter = 87;

    /// <summary>ERROR_CALL_NOT_IMPLEMENTED.</summary>
    public const uint CallNotImplemented = 120;

    /// <summary>ERROR_MR_MID_NOT_FOUND: what SetTcpEntry answers a caller that is not elevated.</summary>
    public const uint MrMidNotFound = 317;

    /// <summary>ERROR_NOT_FOUND.</summary>
    public const uint NotFound = 1168;

    /// <summary>The reason for an IPv6 connection (a clause after the connection).</summary>
    public const string NoIPv6Call =
        "Windows offers no call to close an IPv6 connection (SetTcpEntry, the one TCPView uses, takes IPv4 rows only); end the owning process, or have it close the socket.";

    /// <summary>The result of SetTcpEntry's answer <paramref name="error"/>.</summary>
    /// <param name="error">The Win32 error code (NO_ERROR = 0).</param>
    /// <returns>The result.</returns>
    public static CloseResult Result(uint error) => error switch
    {
        0 => CloseResult.Closed,
        AccessDenied or MrMidNotFound => new CloseResult(
            CloseOutcome.AccessDenied,
            "closing a connection needs an elevated session (Run as administrator); SetTcpEntry answered " + Name(error) + ".",
            (int)error),
        NotFound => new CloseResult(CloseOutcome.NotFound, "not found: it closed in the meantime (SetTcpEntry answered ERROR_NOT_FOUND).", (int)error),
        NotSupported or CallNotImplemented => new CloseResult(
            CloseOutcome.Unsupported,
            "this system's SetTcpEntry cannot delete connections (it answered " + Name(error) + ").",
            (int)error),
        _ => new CloseResult(CloseOutcome.Failed, "SetTcpEntry answered " + Name(error) + ".", (int)error),
    };

    private static string Name(uint error) => error switch
    {
        AccessDenied => "ERROR_ACCESS_DENIED (5)",
        NotSupported => "ERROR_NOT_SUPPORTED (50)",
        InvalidParameter => "ERROR_INVALID_PARAMETER (87)",
        CallNotImplemented => "ERROR_CALL_NOT_IMPLEMENTED (120)",
        MrMidNotFound => "ERROR_MR_MID_NOT_FOUND (317)",
        NotFound => "ERROR_NOT_FOUND (1168)",
        _ => "error " + error.ToString(CultureInfo.InvariantCulture),
    };
}
