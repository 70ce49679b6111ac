namespace NetstatPS.Decoders.Linux;

/// <summary>Where a netlink dump stands after one received buffer was decoded.</summary>
internal enum LinuxSockDiagStatus
{
    /// <summary>More messages follow: receive again.</summary>
    Continue,

    /// <summary>NLMSG_DONE arrived: the dump is complete.</summary>
    Done,

    /// <summary>The kernel answered NLMSG_ERROR (or a DONE carrying an error): the dump failed.</summary>
    Error,
}
