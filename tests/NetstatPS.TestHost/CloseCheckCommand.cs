using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost close-check</c>, run inside a private network namespace (lo up): opens on 127.0.0.1
/// a listener with two established pairs (A and B) and on ::1 a listener with one pair (C), closes A's
/// and C's client ends through <see cref="ConnectionCloser"/> (as Close-NetConnectionEx does), then
/// reports what each socket sees on its next read, which rows the reader still lists, what closing A
/// again answers, and what closing the listener answers. The test asserts on the JSON; nothing is
/// judged here. Without CAP_NET_ADMIN (run under setpriv) the same steps show the refusal instead.
/// </summary>
internal sealed class CloseCheckCommand : ITestHostCommand
{
    public string Name => "close-check";

    public int Run(string[] args)
    {
        using var listen4 = Listen(IPAddress.Loopback);
        using var listen6 = Listen(IPAddress.IPv6Loopback);
        var (aClient, aServer) = Pair(listen4);
        var (bClient, bServer) = Pair(listen4);
        var (cClient, cServer) = Pair(listen6);
        int port4 = ((IPEndPoint)listen4.LocalEndPoint!).Port;
        int port6 = ((IPEndPoint)listen6.LocalEndPoint!).Port;

        List<Connection> before = Rows(port4, port6);
        Connection aRow = before.Single(c => c.LocalPort == Port(aClient));
        Connection cRow = before.Single(c => c.LocalPort == Port(cClient));
        Connection listenerRow = before.Single(c => c.LocalPort == port4 && c.State == ConnectionState.Listen);

        // D: listed while established, then closed by its own processes (the server end lingers in
        // TimeWait with the same cookie) before Close is asked: "not found", and nothing destroyed.
        using var listenD = Listen(IPAddress.Loopback);
        var (dClient, dServer) = Pair(listenD);
        int portD = ((IPEndPoint)listenD.LocalEndPoint!).Port;
        Connection dRow = Rows(portD, -1).Single(r => r.LocalPort == portD && r.State == ConnectionState.Established);
        dServer.Shutdown(SocketShutdown.Both);
        dServer.Dispose();
        _ = ReadError(dClient);
        dClient.Dispose();
        System.Threading.Thread.Sleep(200);
        List<Connection> dRows = Rows(portD, -1);
        CloseResult d = ConnectionCloser.Close(dRow);

        CloseResult a = ConnectionCloser.Close(aRow);
        CloseResult c = ConnectionCloser.Close(cRow);
        CloseResult aAgain = ConnectionCloser.Close(aRow);
        CloseResult listener = ConnectionCloser.Close(listenerRow);

        // An explicit endpoint (no cookie, as typed by hand) for a connection that does not exist.
        IReadOnlyList<Connection> nowhere = ConnectionCloser.Find(IPAddress.Loopback, port4, IPAddress.Loopback, 1);

        // Read before StillAccepts opens (and leaves in TimeWait) a connection of its own.
        List<Connection> after = Rows(port4, port6);
        var probe = new { B = new { Echo = Echo(bClient, bServer), ClientRead = ReadError(bClient, 200), ServerRead = ReadError(bServer, 200) }, StillAccepts = StillAccepts(listen4) };
        var report = new
        {
            Before = before.Select(Key).ToList(),
            After = after.Select(Key).ToList(),
            Cookies = before.Select(r => r.SocketCookie).ToList(),
            A = new { Client = Port(aClient), Outcome = a.Outcome, a.Message, Again = aAgain.Outcome, AgainMessage = aAgain.Message, ClientRead = ReadError(aClient), ServerRead = ReadError(aServer) },
            B = new { Client = Port(bClient), probe.B.Echo, probe.B.ClientRead, probe.B.ServerRead },
            C = new { Client = Port(cClient), Outcome = c.Outcome, c.Message, ClientRead = ReadError(cClient), ServerRead = ReadError(cServer) },
            Listener = new { Outcome = listener.Outcome, listener.Message, probe.StillAccepts },
            NowhereCount = nowhere.Count,
            D = new { Outcome = d.Outcome, d.Message, RowsBefore = dRows.Select(Key).ToList(), RowsAfter = Rows(portD, -1).Select(Key).ToList() },
        };
        JsonOutput.Write(report);
        foreach (Socket s in new[] { aClient, aServer, bClient, bServer, cClient, cServer })
        {
            s.Dispose();
        }

        return 0;
    }

    private static List<Connection> Rows(int port4, int port6) =>
        ConnectionReader.Read(new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, IncludeProcessInfo = false }).Items
            .Where(r => r.LocalPort is int l && r.RemotePort is int p && (l == port4 || l == port6 || p == port4 || p == port6))
            .ToList();

    private static string Key(Connection c) => $"{c.Proto} {c.LocalEndpoint} {c.RemoteEndpoint} {c.State}";

    private static int Port(Socket s) => ((IPEndPoint)s.LocalEndPoint!).Port;

    private static Socket Listen(IPAddress address)
    {
        var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(address, 0));
        s.Listen(8);
        return s;
    }

    private static (Socket Client, Socket Server) Pair(Socket listener)
    {
        var client = new Socket(listener.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return (client, listener.Accept());
    }

    /// <summary>The socket error of the next read ("None" when it read data or end of stream; "Timeout" when nothing came).</summary>
    private static string ReadError(Socket s, int waitMilliseconds = 2000)
    {
        if (!s.Poll(waitMilliseconds * 1000, SelectMode.SelectRead))
        {
            return "Timeout";
        }

        try
        {
            int n = s.Receive(new byte[16]);
            return n == 0 ? "EndOfStream" : "Data";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode.ToString();
        }
        catch (ObjectDisposedException)
        {
            return "Disposed";
        }
    }

    private static bool Echo(Socket client, Socket server)
    {
        try
        {
            client.Send(new byte[] { 42 });
            var buffer = new byte[1];
            return server.Poll(2_000_000, SelectMode.SelectRead) && server.Receive(buffer) == 1 && buffer[0] == 42;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool StillAccepts(Socket listener)
    {
        try
        {
            var (client, server) = Pair(listener);
            client.Dispose();
            server.Dispose();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
