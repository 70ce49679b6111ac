using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;

namespace NetstatPS.TestHost;

/// <summary>The Linux provider with the route and interface sources forced onto their /proc fallbacks (--procfs).</summary>
internal sealed class FallbackLinuxProvider : INetstatProvider
{
    private readonly LinuxNetstatProvider inner = new();

    public string PlatformName => "Linux (/proc fallback)";

    public IConnectionSource Connections => this.inner.Connections;

    public IProcessOwnerResolver Owners => this.inner.Owners;

    public IOwnerDetailSource OwnerDetails => this.inner.OwnerDetails;

    public IRouteSource Routes { get; } = new LinuxRouteSource("/proc/net", forceFallback: true);

    public IInterfaceStatisticSource Interfaces { get; } = new LinuxInterfaceStatisticSource("/proc/net", "/sys/class/net", forceFallback: true);

    public IProtocolStatisticSource Protocols => this.inner.Protocols;

    public IMulticastSource Multicast => this.inner.Multicast;

    public IConnectionCloser Closer => this.inner.Closer;
}
