namespace NetstatPS.Abstractions;

/// <summary>The sources of one operating system, chosen once in <see cref="NetstatPlatform"/>.</summary>
internal interface INetstatProvider
{
    /// <summary>The OS name used in messages.</summary>
    string PlatformName { get; }

    /// <summary>Socket tables.</summary>
    IConnectionSource Connections { get; }

    /// <summary>Socket owners.</summary>
    IProcessOwnerResolver Owners { get; }

    /// <summary>What runs each owner (unit, services, container) and its command line.</summary>
    IOwnerDetailSource OwnerDetails { get; }

    /// <summary>Routing tables.</summary>
    IRouteSource Routes { get; }

    /// <summary>Interface counters.</summary>
    IInterfaceStatisticSource Interfaces { get; }

    /// <summary>Protocol counters.</summary>
    IProtocolStatisticSource Protocols { get; }

    /// <summary>Multicast group memberships.</summary>
    IMulticastSource Multicast { get; }

    /// <summary>Closing a TCP connection (Close-NetConnectionEx).</summary>
    IConnectionCloser Closer { get; }
}
