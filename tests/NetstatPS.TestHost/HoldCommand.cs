using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost hold SPEC…</c>: opens loopback sockets, prints one JSON line describing them, then
/// holds them until stdin closes. SPEC is KIND:ADDRESS with KIND one of tcp-listen, tcp-pair (a
/// listener, a client and the accepted server side, all Established but the listener), udp
/// (unconnected) and udp-connected (an unconnected peer plus a socket connected to it); ADDRESS is a
/// loopback address such as 127.0.0.2 or ::1, or an address assigned to the lo interface. Ports are chosen by the kernel.
/// The Unix domain and raw kinds (unix-stream:PATH, unix-pair, raw-icmp:ADDRESS …) are those of
/// <see cref="UnixHoldKinds"/>; Unix sockets are described in UnixSockets, raw ones in Sockets.
/// </summary>
internal sealed class HoldCommand : ITestHostCommand
{
    public string Name => "hold";

    public int Run(string[] args)
    {
        var held = new List<Socket>();
        var described = new List<HeldSocket>();
        using var unix = new UnixHoldKinds();
        foreach (string spec in args)
        {
            int colon = spec.IndexOf(':', StringComparison.Ordinal);
            string kind = colon < 0 ? spec : spec.Substring(0, colon);
            if (UnixHoldKinds.Handles(kind))
            {
                unix.Open(kind, colon < 0 ? string.Empty : spec.Substring(colon + 1), described);
                continue;
            }

            if (colon <= 0 || !IPAddress.TryParse(spec.Substring(colon + 1), out IPAddress? address) || !IsLoopback(address))
            {
                Console.Error.WriteLine($"hold: bad spec '{spec}' (KIND:LOOPBACK-ADDRESS)");
                return 2;
            }

            switch (spec.Substring(0, colon))
            {
                case "tcp-listen":
                    held.Add(Listen(address, described));
                    break;
                case "tcp-pair":
                    Socket listener = Listen(address, described);
                    var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    client.Bind(new IPEndPoint(address, 0));
                    client.Connect(listener.LocalEndPoint!);
                    Socket server = listener.Accept();
                    held.Add(listener);
                    held.Add(client);
                    held.Add(server);
                    described.Add(Describe("Tcp", client, "Established"));
                    described.Add(Describe("Tcp", server, "Established"));
                    break;
                case "udp":
                    held.Add(BindUdp(address, described));
                    break;
                case "udp-connected":
                    Socket peer = BindUdp(address, described);
                    var connected = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                    connected.Bind(new IPEndPoint(address, 0));
                    connected.Connect(peer.LocalEndPoint!);
                    held.Add(peer);
                    held.Add(connected);
                    described.Add(Describe("Udp", connected, "Established"));
                    break;
                default:
                    Console.Error.WriteLine($"hold: unknown kind in '{spec}' (tcp-listen, tcp-pair, udp, udp-connected, unix-listen, unix-serve, unix-stream, unix-seqpacket, unix-abstract, unix-dgram, unix-dgram-connected, unix-pair, raw-icmp)");
                    return 2;
            }
        }

        JsonOutput.Write(new { ProcessId = Environment.ProcessId, Sockets = described, UnixSockets = unix.Described });
        Console.Out.Flush();

        // Hold until the parent closes our stdin (or dies).
        while (Console.In.ReadLine() is not null)
        {
        }

        foreach (Socket s in held)
        {
            s.Dispose();
        }

        return 0;
    }

    // Loopback addresses, and addresses a test namespace put on its lo interface (a long IPv6 address
    // for the 80-column views): traffic between sockets on lo never leaves the host.
    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) ||
        System.Linq.Enumerable.Any(
            System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces(),
            i => i.NetworkInterfaceType == System.Net.NetworkInformation.NetworkInterfaceType.Loopback &&
                 System.Linq.Enumerable.Any(i.GetIPProperties().UnicastAddresses, a => a.Address.Equals(address)));

    private static Socket Listen(IPAddress address, List<HeldSocket> described)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(16);
        described.Add(Describe("Tcp", listener, "Listen"));
        return listener;
    }

    private static Socket BindUdp(IPAddress address, List<HeldSocket> described)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        described.Add(Describe("Udp", socket, "Listen"));
        return socket;
    }

    private static HeldSocket Describe(string protocol, Socket socket, string state)
    {
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var remote = socket.Connected ? (IPEndPoint?)socket.RemoteEndPoint : null;
        return new HeldSocket(
            protocol,
            local.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6",
            local.Address.ToString(),
            local.Port,
            remote?.Address.ToString() ?? (local.AddressFamily == AddressFamily.InterNetwork ? "0.0.0.0" : "::"),
            remote?.Port ?? 0,
            state);
    }

    /// <summary>One held socket as the tests expect NetstatPS to report it.</summary>
    internal sealed record HeldSocket(string Protocol, string AddressFamily, string LocalAddress, int LocalPort, string RemoteAddress, int RemotePort, string State);
}
