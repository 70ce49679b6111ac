using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Windows;

/// <summary>Windows: iphlpapi.dll tables, process names from one snapshot per call.</summary>
internal sealed class WindowsNetstatProvider : INetstatProvider
{
    /// <inheritdoc />
    public string PlatformName => "Windows";

    /// <inheritdoc />
    public IConnectionSource Connections { get; } = new WindowsConnectionSource();

    /// <inheritdoc />
    public IProcessOwnerResolver Owners { get; } = new WindowsProcessOwnerResolver();

    /// <inheritdoc />
    public IOwnerDetailSource OwnerDetails { get; } = new WindowsOwnerDetails();

    /// <inheritdoc />
    public IRouteSource Routes { get; } = new WindowsRouteSource();

    /// <inheritdoc />
    public IInterfaceStatisticSource Interfaces { get; } = new WindowsInterfaceStatisticSource();

    /// <inheritdoc />
    public IMulticastSource Multicast { get; } = new WindowsMulticastSource();

    /// <inheritdoc />
    public IProtocolStatisticSource Protocols { get; } = new WindowsProtocolStatisticSource();

    /// <inheritdoc />
    public IConnectionCloser Closer { get; } = new WindowsConnectionCloser();
}
