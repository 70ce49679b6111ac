using System.Globalization;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// The message for an errno the kernel answers an RTM_GETROUTE request with, in the words `ip route get`
/// prints (strerror) plus what it means for a route lookup, naming the address.
/// </summary>
internal static class LinuxRouteLookupErrors
{
    private const int EACCES = 13;
    private const int ENODEV = 19;
    private const int EINVAL = 22;
    private const int ENETUNREACH = 101;
    private const int EHOSTUNREACH = 113;

    /// <summary>The message.</summary>
    /// <param name="destination">The address as the caller gave it.</param>
    /// <param name="errno">The positive errno.</param>
    /// <param name="source">The lookup's source address, when one was given.</param>
    /// <returns>The text.</returns>
    public static string Message(string destination, int errno, string? source = null)
    {
        // The kernel's output lookup fails with ENETUNREACH too when the source is not a local address.
        string from = source is null ? string.Empty : $" from {source}";
        string reason = errno switch
        {
            ENETUNREACH => source is null
                ? "Network is unreachable (ENETUNREACH): no route matches it"
                : $"Network is unreachable (ENETUNREACH): no route matches it{from}, or {source} is not an address of this host",
            EHOSTUNREACH => "No route to host (EHOSTUNREACH): an unreachable route matches it",
            EACCES => "Permission denied (EACCES): a prohibit route matches it",
            EINVAL => $"Invalid argument (EINVAL): a blackhole route matches it, or it cannot be reached{from}",
            ENODEV => "No such device (ENODEV): the output interface does not exist",
            _ => "errno " + errno.ToString(CultureInfo.InvariantCulture),
        };
        return $"No route to {destination}{from}: the kernel answered {reason}.";
    }
}
