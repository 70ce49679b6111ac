using System.Collections.Specialized;

namespace NetstatPS;

/// <summary>
/// The counters of one protocol and family, as <c>netstat -s -p PROTO</c> prints them. The typed
/// properties carry netstat -s's labels; <see cref="Counters"/> holds every counter the OS keeps for the
/// protocol under its own name (on Linux nstat's names: TcpActiveOpens, TcpExtTCPTimeouts …).
/// </summary>
public abstract class ProtocolStatistic : CounterSample
{
    /// <summary>IPv4, IPv6, ICMPv4, ICMPv6, TCP (Linux: both families), TCPv4, TCPv6, UDPv4, UDPv6, UDPLitev4, UDPLitev6.</summary>
    public string Protocol { get; internal set; } = string.Empty;

    /// <summary>The address family these counters cover; null when the OS keeps one set for both (Linux TCP).</summary>
    public IPAddressFamily? AddressFamily { get; internal set; }

    /// <summary>A remark on what the numbers cover (for example that Linux does not split TCP by family); null when none.</summary>
    public string? Note { get; internal set; }

    /// <summary>Every counter of the protocol under the OS's own name, in the OS's order.</summary>
    public OrderedDictionary Counters { get; internal set; } = CounterDictionary.Create();

    /// <inheritdoc />
    internal override string SampleKey => this.Protocol;

    /// <inheritdoc />
    public override string ToString() => this.Protocol;
}
