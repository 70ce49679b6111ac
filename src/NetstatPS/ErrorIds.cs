namespace NetstatPS;

/// <summary>The FullyQualifiedErrorId stems the cmdlets use; Pester tests assert on them.</summary>
internal static class ErrorIds
{
    /// <summary>The OS is not supported (terminating).</summary>
    public const string PlatformNotSupported = "PlatformNotSupported";

    /// <summary>The OS's tables could not be read (terminating).</summary>
    public const string ReadFailed = "ReadFailed";

    /// <summary>A valid value this OS has no such thing for, such as a Linux routing table on Windows (terminating).</summary>
    public const string NotSupportedOnThisOS = "NotSupportedOnThisOS";

    /// <summary>An explicit name matched nothing (non-terminating).</summary>
    public const string ObjectNotFound = "ObjectNotFound";

    /// <summary>The OS has no route to a -Destination (non-terminating); the same stem as the Core's.</summary>
    public const string NoRoute = Readers.RouteReader.NoRouteErrorId;

    /// <summary>-SourceAddress, -InterfaceName or -InterfaceIndex do not fit -Destination (terminating).</summary>
    public const string InvalidLookup = "InvalidLookup";

    /// <summary>Close-NetConnectionEx was given something that is not a closable TCP connection (non-terminating).</summary>
    public const string ConnectionNotClosable = "ConnectionNotClosable";

    /// <summary>Closing needs a privilege the caller lacks: CAP_NET_ADMIN, an elevated session (non-terminating).</summary>
    public const string CloseAccessDenied = "CloseAccessDenied";

    /// <summary>This system cannot close connections at all (terminating: said once per call).</summary>
    public const string CloseNotSupported = "CloseNotSupported";

    /// <summary>The OS refused to close a connection for another reason (non-terminating).</summary>
    public const string CloseFailed = "CloseFailed";
}
