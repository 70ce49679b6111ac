using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;

namespace NetstatPS.Readers;

/// <summary>
/// Closes TCP connections for Close-NetConnectionEx: decides which connections may be closed at all,
/// finds the live socket behind explicit endpoints, and asks the OS (SOCK_DESTROY on Linux, SetTcpEntry
/// on Windows) to close exactly that one.
/// </summary>
/// <remarks>
/// Closable are the states of a TCP connection that still has a peer to reset or a handshake to abort:
/// SynSent, SynReceived, Established, FinWait1, FinWait2, CloseWait, Closing and LastAck. Refused are
/// listeners (closing one is stopping a service, not dropping a connection; the kernel would do it, and
/// that is exactly the mistake to prevent), TimeWait (already closed: the kernel only waits out 2·MSL and
/// drops it by itself), bound or closed sockets (nothing connected), and every UDP, raw and Unix socket
/// (no connection to abort).
/// </remarks>
public static class ConnectionCloser
{
    /// <summary>The states <see cref="Close(Connection)"/> accepts.</summary>
    public static IReadOnlyList<ConnectionState> ClosableStates { get; } = new[]
    {
        ConnectionState.SynSent, ConnectionState.SynReceived, ConnectionState.Established, ConnectionState.FinWait1,
        ConnectionState.FinWait2, ConnectionState.CloseWait, ConnectionState.Closing, ConnectionState.LastAck,
    };

    /// <summary>Why <paramref name="connection"/> cannot be closed (a clause to follow its description); null when it can be tried.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The reason, or null.</returns>
    public static string? WhyNotClosable(Connection connection) => WhyNotClosable(NetstatPlatform.Current, connection);

    /// <summary>
    /// The current TCP sockets with exactly these endpoints (normally one; none when it closed), read
    /// from the OS with their owners, so a close by explicit endpoints shows and closes the live socket.
    /// </summary>
    /// <param name="localAddress">The local address.</param>
    /// <param name="localPort">The local port.</param>
    /// <param name="remoteAddress">The remote address.</param>
    /// <param name="remotePort">The remote port.</param>
    /// <param name="interfaceIndex">The bound interface, when known; null matches any.</param>
    /// <param name="socketCookie">The socket cookie, when known; null matches any.</param>
    /// <returns>The matching rows, in any TCP state (the caller tells the user about unclosable ones).</returns>
    public static IReadOnlyList<Connection> Find(IPAddress localAddress, int localPort, IPAddress remoteAddress, int remotePort, int? interfaceIndex = null, ulong? socketCookie = null) =>
        Find(NetstatPlatform.Current, localAddress, localPort, remoteAddress, remotePort, interfaceIndex, socketCookie);

    /// <summary>Closes <paramref name="connection"/>.</summary>
    /// <param name="connection">A TCP connection (from Get-NetConnectionEx, or from <see cref="Find(IPAddress, int, IPAddress, int, int?, ulong?)"/>).</param>
    /// <returns>What happened; never throws for a connection that is gone.</returns>
    public static CloseResult Close(Connection connection) => Close(NetstatPlatform.Current, connection);

    internal static string? WhyNotClosable(INetstatProvider provider, Connection connection)
    {
        if (connection.Protocol != TransportProtocol.Tcp)
        {
            return $"only TCP connections can be closed, and this is a {connection.Protocol} socket (it has no connection to abort; its process closes it).";
        }

        switch (connection.State)
        {
            case ConnectionState.Listen:
                return "it is a listener, not a connection; closing it would stop the service from accepting (stop or reconfigure the process instead).";
            case ConnectionState.TimeWait:
                return "it is in TimeWait: already closed, the kernel only waits out twice the maximum segment lifetime and then drops it by itself.";
            case ConnectionState.Closed:
            case ConnectionState.Bound:
            case ConnectionState.DeleteTcb:
                return $"it is in state {connection.State}, not connected to a peer.";
        }

        if (connection.AddressFamily is null || connection.GetLocalIPAddress() is null)
        {
            return "it has no address family.";
        }

        return provider.Closer.CannotClose(connection);
    }

    internal static IReadOnlyList<Connection> Find(INetstatProvider provider, IPAddress localAddress, int localPort, IPAddress remoteAddress, int remotePort, int? interfaceIndex, ulong? socketCookie)
    {
        var query = new ConnectionQuery
        {
            Protocols = new[] { TransportProtocol.Tcp },
            // IPv4 endpoints are also looked for in their IPv4-mapped form: a dual-stack socket connected
            // to 127.0.0.1 is an IPv6 socket whose addresses are ::ffff:127.0.0.1, as Get-NetConnectionEx's
            // -LocalAddress 127.0.0.1 finds it too.
            AddressFamilies = localAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new[] { IPAddressFamily.IPv6 } : Array.Empty<IPAddressFamily>(),
            LocalPorts = new[] { localPort },
            RemotePorts = new[] { remotePort },
            LocalAddresses = new[] { AddressFilter.Parse(localAddress.ToString()) },
            RemoteAddresses = new[] { AddressFilter.Parse(remoteAddress.ToString()) },
        };

        // The filters above are prefixes (an IPv4 one also matches the IPv4-mapped form): keep exact matches only.
        return ConnectionReader.Read(provider, query, default).Items
            .Where(c => Same(c.LocalIPAddress, localAddress) && Same(c.RemoteIPAddress, remoteAddress) &&
                        c.LocalPortNumber == localPort && c.RemotePortNumber == remotePort &&
                        (interfaceIndex is null || c.InterfaceIndex.GetValueOrDefault() == interfaceIndex) &&
                        (socketCookie is null || c.SocketCookie is null || c.SocketCookie == socketCookie))
            .ToList();
    }

    internal static CloseResult Close(INetstatProvider provider, Connection connection)
    {
        string? refusal = WhyNotClosable(provider, connection);
        if (refusal is not null)
        {
            return new CloseResult(CloseOutcome.NotClosable, refusal);
        }

        Connection target = connection;
        if (provider.Closer.NeedsSocketCookie && connection.SocketCookie is null)
        {
            // An object without a cookie (read from /proc/net, or made by hand): learn the live socket's
            // cookie first, so the close names exactly one socket.
            Connection? live = Live(provider, connection);
            if (live is null)
            {
                return GoneResult;
            }

            target = live;
        }

        CloseResult result = provider.Closer.Close(target);
        if (result.Outcome == CloseOutcome.Failed && Live(provider, target) is null)
        {
            // Whatever the OS said, a connection that is no longer there is "not found", not a failure.
            return GoneResult;
        }

        return result;
    }

    private static CloseResult GoneResult { get; } = new(CloseOutcome.NotFound, "not found: it closed in the meantime.");

    private static bool Same(IPAddress row, IPAddress given) =>
        row.Equals(given) || (given.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && row.IsIPv4MappedToIPv6 && row.Equals(given.MapToIPv6()));

    private static Connection? Live(INetstatProvider provider, Connection connection)
    {
        IReadOnlyList<Connection> found = Find(provider, connection.LocalIPAddress, connection.LocalPortNumber, connection.RemoteIPAddress, connection.RemotePortNumber, connection.InterfaceIndex, connection.SocketCookie);
        return found.FirstOrDefault(c => WhyNotClosable(provider, c) is null);
    }
}
