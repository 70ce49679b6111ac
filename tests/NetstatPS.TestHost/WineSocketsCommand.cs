using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace NetstatPS.TestHost;

/// <summary>
/// Opens the sockets the Wine test looks for, on the Linux side of a private network namespace, then
/// holds them: a TCP listener on 127.0.0.1:PORT with one established pair to it, a TCP listener on
/// [::1]:PORT+1, UDP sockets on 127.0.0.1:PORT+2 and [::1]:PORT+3, and two more pairs to the listener
/// closed so that they sit in FIN_WAIT2 / CLOSE_WAIT (client closed, server did not) and TIME_WAIT
/// (client closed first, then the server). Prints one JSON line when ready and exits after
/// SECONDS (so nothing outlives the test) or as soon as the file STOPFILE exists.
/// Usage: nsps-testhost wine-sockets PORT SECONDS STOPFILE.
/// </summary>
internal sealed class WineSocketsCommand : ITestHostCommand
{
    public string Name => "wine-sockets";

    public int Run(string[] args)
    {
        int port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        int seconds = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(16);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(new IPEndPoint(IPAddress.Loopback, port));
        using Socket server = listener.Accept();
        client.Send(new byte[] { 1, 2, 3 });

        using var listener6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        listener6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port + 1));
        listener6.Listen(16);

        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, port + 2));
        using var udp6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        udp6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port + 3));

        // FIN_WAIT2 (client) / CLOSE_WAIT (server): the client closes, the server keeps its socket.
        var halfClient = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        halfClient.Connect(new IPEndPoint(IPAddress.Loopback, port));
        using Socket halfServer = listener.Accept();
        int halfPort = ((IPEndPoint)halfClient.LocalEndPoint!).Port;
        halfClient.Close();

        // TIME_WAIT (client): the client closes first, then the server.
        var doneClient = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        doneClient.Connect(new IPEndPoint(IPAddress.Loopback, port));
        Socket doneServer = listener.Accept();
        int donePort = ((IPEndPoint)doneClient.LocalEndPoint!).Port;
        doneClient.Close();
        Thread.Sleep(200);
        doneServer.Close();
        Thread.Sleep(200);

        JsonOutput.Write(new
        {
            Ready = true,
            ListenPort = port,
            ClientPort = ((IPEndPoint)client.LocalEndPoint!).Port,
            Listen6Port = port + 1,
            UdpPort = port + 2,
            Udp6Port = port + 3,
            HalfClosedClientPort = halfPort,
            TimeWaitClientPort = donePort,
        });
        Console.Out.Flush();

        string stopFile = args[2];
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until && !System.IO.File.Exists(stopFile))
        {
            Thread.Sleep(100);
        }

        return 0;
    }
}
