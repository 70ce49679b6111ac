using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace NetstatPS.Benchmarks;

/// <summary>
/// One process of the socket farm ("farm-child" mode). It opens exactly the number of TCP sockets it is
/// told to: listeners on 127.0.0.1 and ::1, and established pairs whose client ends are bound to
/// 127.0.0.2–127.0.0.9 with IP_BIND_ADDRESS_NO_PORT (so the ephemeral port is chosen at connect time
/// per 4-tuple and never runs out) or on ::1 (one pair in ten). Both ends stay in this process. Every
/// socket has SO_LINGER {on, 0}: closing (also at exit) sends RST, so no TIME_WAIT is left behind.
/// It prints "READY n" when all n sockets exist, then waits; it exits when its stdin reaches end of
/// file (the benchmark closed it or died) or when its watchdog fires, whichever comes first.
/// </summary>
internal static class FarmChild
{
    public const string Mode = "farm-child";

    /// <summary>Listener ports per farm process (each on 127.0.0.1 and ::1).</summary>
    public const int PortsPerChild = 4;

    /// <summary>Port numbers reserved per farm process (PortsPerChild plus one for an odd count).</summary>
    public const int PortStride = PortsPerChild + 1;

    // Linux <netinet/in.h>: IPPROTO_IP = 0, IP_BIND_ADDRESS_NO_PORT = 24.
    private const int IpProtoIp = 0;
    private const int IpBindAddressNoPort = 24;

    private const int SourceAddresses = 8;

    // Kept reachable for the life of the process: a collected Socket would close its descriptor.
    private static readonly List<Socket> Held = new();

    public static int Run(string[] args)
    {
        int sockets = 0, portBase = 0, hotPort = 0, hotPairs = 0, ttl = 600;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int v = int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--sockets": sockets = v; break;
                case "--port-base": portBase = v; break;
                case "--hot-port": hotPort = v; break;
                case "--hot-pairs": hotPairs = v; break;
                case "--ttl": ttl = v; break;
                default: throw new ArgumentException("unknown farm-child argument " + args[i]);
            }
        }

        // Both exits are armed before the first socket, so a dying benchmark never leaves us behind.
        using var watchdog = new Timer(_ => Environment.Exit(3), null, TimeSpan.FromSeconds(ttl), Timeout.InfiniteTimeSpan);
        var stdinWatcher = new Thread(() =>
        {
            using Stream stdin = Console.OpenStandardInput();
            stdin.CopyTo(Stream.Null);
            Environment.Exit(0);
        })
        { IsBackground = true, Name = "stdin-eof" };
        stdinWatcher.Start();

        try
        {
            Build(sockets, portBase, hotPort, hotPairs);
        }
#pragma warning disable CA1031 // Reported to the benchmark, which fails the run with the message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Out.WriteLine("ERROR " + e.GetType().Name + ": " + e.Message.Replace('\n', ' '));
            Console.Out.Flush();
            return 1;
        }

        Console.Out.WriteLine("READY " + Held.Count.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    private static void Build(int sockets, int portBase, int hotPort, int hotPairs)
    {
        var v4Listeners = new List<Socket>();
        var v6Listeners = new List<Socket>();
        for (int j = 0; j < PortsPerChild; j++)
        {
            v4Listeners.Add(Listen(IPAddress.Loopback, portBase + j));
            v6Listeners.Add(Listen(IPAddress.IPv6Loopback, portBase + j));
        }

        Socket? hot = hotPort > 0 ? Listen(IPAddress.Loopback, hotPort) : null;
        int rest = sockets - Held.Count;
        if (rest < 0)
        {
            throw new ArgumentException($"{sockets} sockets are fewer than this process's {Held.Count} listeners");
        }

        if (rest % 2 == 1)
        {
            Listen(IPAddress.Loopback, portBase + PortsPerChild);
        }

        int pairs = rest / 2;
        var sources = new IPAddress[SourceAddresses];
        for (int s = 0; s < SourceAddresses; s++)
        {
            sources[s] = new IPAddress(new byte[] { 127, 0, 0, (byte)(2 + s) });
        }

        byte[] one = BitConverter.GetBytes(1);
        for (int n = 0; n < pairs; n++)
        {
            Socket listener;
            IPAddress? source;
            if (hot is not null && n < hotPairs)
            {
                listener = hot;
                source = sources[n % SourceAddresses];
            }
            else if (n % 10 == 9)
            {
                listener = v6Listeners[n % PortsPerChild];
                source = null;
            }
            else
            {
                listener = v4Listeners[n % PortsPerChild];
                source = sources[n % SourceAddresses];
            }

            Pair(listener, source, one);
        }
    }

    private static Socket Listen(IPAddress address, int port)
    {
        var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            s.DualMode = false;
        }

        s.LingerState = new LingerOption(true, 0);
        s.Bind(new IPEndPoint(address, port));
        s.Listen(256);
        Held.Add(s);
        return s;
    }

    private static void Pair(Socket listener, IPAddress? source, byte[] one)
    {
        var target = (IPEndPoint)listener.LocalEndPoint!;
        var client = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        Held.Add(client);
        client.LingerState = new LingerOption(true, 0);
        if (source is not null)
        {
            client.SetRawSocketOption(IpProtoIp, IpBindAddressNoPort, one);
            client.Bind(new IPEndPoint(source, 0));
        }

        client.Connect(target);
        Socket accepted = listener.Accept();
        Held.Add(accepted);
        accepted.LingerState = new LingerOption(true, 0);
    }
}
