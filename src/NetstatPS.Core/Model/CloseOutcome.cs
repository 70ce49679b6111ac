namespace NetstatPS;

/// <summary>What happened when Close-NetConnectionEx asked the OS to close one connection.</summary>
public enum CloseOutcome
{
    /// <summary>The OS closed it (Linux: SOCK_DESTROY acknowledged, a reset sent to the peer; Windows: SetTcpEntry DELETE_TCB returned NO_ERROR).</summary>
    Closed,

    /// <summary>No such connection any more: it closed in the meantime, or another socket now holds its endpoints.</summary>
    NotFound,

    /// <summary>This connection cannot be closed here (an IPv6 connection on Windows, a state the OS will not abort).</summary>
    NotClosable,

    /// <summary>The caller lacks the privilege (CAP_NET_ADMIN on Linux, an elevated session on Windows).</summary>
    AccessDenied,

    /// <summary>This system cannot close connections at all (a kernel without CONFIG_INET_DIAG_DESTROY, no netlink, no SetTcpEntry).</summary>
    Unsupported,

    /// <summary>The OS refused for another reason; the message carries its error code.</summary>
    Failed,
}
