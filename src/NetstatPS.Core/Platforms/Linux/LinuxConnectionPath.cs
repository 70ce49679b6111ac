namespace NetstatPS.Platforms.Linux;

/// <summary>Which kernel interface <see cref="LinuxConnectionSource"/> reads (tests force one; the product uses Automatic).</summary>
internal enum LinuxConnectionPath
{
    /// <summary>Netlink sock_diag, falling back to /proc/net silently per dump that cannot be done over netlink.</summary>
    Automatic,

    /// <summary>Netlink sock_diag only; a failure is an error (to prove the netlink path in tests).</summary>
    Netlink,

    /// <summary>/proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix} only.</summary>
    ProcNet,
}
