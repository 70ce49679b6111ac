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
}
