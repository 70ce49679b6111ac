using System.Globalization;

namespace NetstatPS.Decoders.Linux;

/// <summary>What the kernel's answer to SOCK_DESTROY means for the user (net/core/sock_diag.c, net/ipv4/inet_diag.c).</summary>
internal static class LinuxCloseErrors
{
    /// <summary>EPERM: sock_diag_destroy's ns_capable(CAP_NET_ADMIN) check failed.</summary>
    public const int EPERM = 1;

    /// <summary>ENOENT: no socket with those endpoints.</summary>
    public const int ENOENT = 2;

    /// <summary>EACCES: a security module refused.</summary>
    public const int EACCES = 13;

    /// <summary>EINVAL: a kernel older than SOCK_DESTROY (Linux 4.5) rejects the message type.</summary>
    public const int EINVAL = 22;

    /// <summary>EOPNOTSUPP: tcp_diag has no destroy handler, i.e. CONFIG_INET_DIAG_DESTROY is off.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>ESTALE: a socket holds those endpoints but its cookie is not the one asked for.</summary>
    public const int ESTALE = 116;

    /// <summary>The reason of the EOPNOTSUPP answer (a clause: the cmdlet puts the connection before it).</summary>
    public const string NoDestroyOption =
        "this kernel was built without CONFIG_INET_DIAG_DESTROY, so it cannot close any socket (SOCK_DESTROY answered EOPNOTSUPP).";

    /// <summary>The result for the kernel's answer <paramref name="errno"/> (0: acknowledged).</summary>
    /// <param name="errno">The positive errno from NLMSG_ERROR.</param>
    /// <returns>The result.</returns>
    public static CloseResult Result(int errno) => errno switch
    {
        0 => CloseResult.Closed,
        ENOENT => new CloseResult(CloseOutcome.NotFound, "not found: it closed in the meantime.", errno),
        ESTALE => new CloseResult(CloseOutcome.NotFound, "not found: another socket now holds its endpoints (its socket cookie differs), so nothing was closed.", errno),
        EPERM or EACCES => new CloseResult(
            CloseOutcome.AccessDenied,
            "closing a connection needs CAP_NET_ADMIN: run as root or grant the capability (the kernel refused SOCK_DESTROY with " + (errno == EPERM ? "EPERM" : "EACCES") + ").",
            errno),
        EOPNOTSUPP => new CloseResult(CloseOutcome.Unsupported, NoDestroyOption, errno),
        EINVAL => new CloseResult(CloseOutcome.Unsupported, "this kernel does not know SOCK_DESTROY (added in Linux 4.5) and answered EINVAL, so it cannot close any socket.", errno),
        _ => new CloseResult(CloseOutcome.Failed, "the kernel refused SOCK_DESTROY with errno " + errno.ToString(CultureInfo.InvariantCulture) + ".", errno),
    };
}
