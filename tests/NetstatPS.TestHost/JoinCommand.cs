using System;
using System.Collections.Generic;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost join GROUP@INTERFACE…</c>: joins each multicast group on the named interface with
/// its own UDP socket (IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP through .NET's MulticastOption and
/// IPv6MulticastOption), prints {"ProcessId"} and holds the memberships until stdin closes. Giving the
/// same GROUP@INTERFACE twice joins twice (the kernel's users count is 2). Meant for an interface of a
/// test namespace: the join's IGMP/MLD report goes out of that interface.
/// </summary>
internal sealed class JoinCommand : ITestHostCommand
{
    public string Name => "join";

    public int Run(string[] args)
    {
        var held = new List<Socket>();
        foreach (string spec in args)
        {
            int at = spec.LastIndexOf('@');
            if (at <= 0 || !IPAddress.TryParse(spec.Substring(0, at), out IPAddress? group) || !IsMulticast(group))
            {
                Console.Error.WriteLine($"join: bad spec '{spec}' (GROUP@INTERFACE, GROUP a multicast address)");
                return 2;
            }

            int index = IndexOf(spec.Substring(at + 1), group.AddressFamily);
            var socket = new Socket(group.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            if (group.AddressFamily == AddressFamily.InterNetwork)
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, index));
            }
            else
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group, index));
            }

            held.Add(socket);
        }

        JsonOutput.Write(new { ProcessId = Environment.ProcessId });
        Console.Out.Flush();
        while (Console.In.ReadLine() is not null)
        {
        }

        foreach (Socket s in held)
        {
            s.Dispose();
        }

        return 0;
    }

    private static bool IsMulticast(IPAddress a) =>
        a.AddressFamily == AddressFamily.InterNetworkV6 ? a.IsIPv6Multicast : (a.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private static int IndexOf(string name, AddressFamily family)
    {
        foreach (NetworkInterface i in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (i.Name == name)
            {
                IPInterfaceProperties p = i.GetIPProperties();
                return family == AddressFamily.InterNetwork ? p.GetIPv4Properties().Index : p.GetIPv6Properties().Index;
            }
        }

        throw new ArgumentException($"join: no interface '{name}'");
    }
}
