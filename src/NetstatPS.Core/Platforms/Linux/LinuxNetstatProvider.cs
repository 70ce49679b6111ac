using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Linux;

/// <summary>Linux: netlink first (sock_diag, rtnetlink), /proc and /sys as fallbacks.</summary>
internal sealed class LinuxNetstatProvider : INetstatProvider
{
    /// <inheritdoc />
    public string PlatformName => "Linux";

    /// <inheritdoc />
    public IConnectionSource Connections { get; } = new LinuxConnectionSource();

    /// <inheritdoc />
    public IProcessOwnerResolver Owners { get; } = new LinuxProcessOwnerResolver();

    /// <inheritdoc />
    public IOwnerDetailSource OwnerDetails { get; } = new LinuxOwnerDetails();

    /// <inheritdoc />
    public IRouteSource Routes { get; } = new LinuxRouteSource();

    /// <inheritdoc />
    public IInterfaceStatisticSource Interfaces { get; } = new LinuxInterfaceStatisticSource();

    /// <inheritdoc />
    public IMulticastSource Multicast { get; } = new LinuxMulticastSource();

    /// <inheritdoc />
    public IProtocolStatisticSource Protocols { get; } = new LinuxProtocolStatisticSource();

    /// <inheritdoc />
    public IConnectionCloser Closer { get; } = new LinuxConnectionCloser();
}
