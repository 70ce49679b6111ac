using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetstatPS.TestHost;

/// <summary>
/// The Unix domain and raw socket kinds of <c>nsps-testhost hold</c> (Linux):
/// <list type="bullet">
/// <item><c>unix-listen:PATH</c> a stream listener bound to PATH;</item>
/// <item><c>unix-serve:PATH</c> a stream listener bound to PATH that accepts (and holds) every connection other processes make;</item>
/// <item><c>unix-stream:PATH</c> / <c>unix-seqpacket:PATH</c> a listener, a connected client and the accepted socket;</item>
/// <item><c>unix-abstract:NAME</c> the same as unix-stream in the abstract namespace (shown as @NAME);</item>
/// <item><c>unix-dgram:PATH</c> a datagram socket bound to PATH that nobody is connected to;</item>
/// <item><c>unix-dgram-connected:PATH</c> a datagram socket bound to PATH and an unbound one connected to it;</item>
/// <item><c>unix-pair</c> a socketpair(AF_UNIX, SOCK_STREAM): two unnamed connected sockets;</item>
/// <item><c>raw-icmp:ADDRESS</c> a raw socket of protocol ICMP (IPv4 address) or ICMPv6 (IPv6 address) bound to a loopback address; it sends nothing.</item>
/// </list>
/// Each Unix socket is described with the inode its descriptor links to (/proc/self/fd) and its peer's inode.
/// </summary>
internal sealed class UnixHoldKinds : IDisposable
{
    private const int AfUnix = 1;
    private const int SockStream = 1;

    private readonly List<Socket> sockets = new();
    private readonly List<int> descriptors = new();
    private readonly List<string> paths = new();

    /// <summary>The Unix sockets opened, as the tests expect NetstatPS to report them.</summary>
    public List<HeldUnixSocket> Described { get; } = new();

    /// <summary>True for the kinds this class opens.</summary>
    public static bool Handles(string kind) => kind.StartsWith("unix-", StringComparison.Ordinal) || kind == "raw-icmp";

    /// <summary>Opens one spec's sockets; raw sockets are described in <paramref name="ipSockets"/> (they have addresses).</summary>
    public void Open(string kind, string argument, List<HoldCommand.HeldSocket> ipSockets)
    {
        switch (kind)
        {
            case "unix-listen":
                this.Listen(SocketType.Stream, this.PathEndPoint(argument), argument);
                break;
            case "unix-serve":
                this.Serve(this.Listen(SocketType.Stream, this.PathEndPoint(argument), argument));
                break;
            case "unix-stream":
                this.Connected(SocketType.Stream, this.PathEndPoint(argument), argument);
                break;
            case "unix-seqpacket":
                this.Connected(SocketType.Seqpacket, this.PathEndPoint(argument), argument);
                break;
            case "unix-abstract":
                this.Connected(SocketType.Stream, new UnixDomainSocketEndPoint("\0" + argument), "@" + argument);
                break;
            case "unix-dgram":
                this.Datagram(this.PathEndPoint(argument), argument, connect: false);
                break;
            case "unix-dgram-connected":
                this.Datagram(this.PathEndPoint(argument), argument, connect: true);
                break;
            case "unix-pair":
                this.Pair();
                break;
            case "raw-icmp":
                ipSockets.Add(this.Raw(argument));
                break;
            default:
                throw new ArgumentException($"unknown kind '{kind}'");
        }
    }

    public void Dispose()
    {
        lock (this.sockets)
        {
            foreach (Socket s in this.sockets)
            {
                s.Dispose();
            }
        }

        foreach (int fd in this.descriptors)
        {
            _ = Close(fd);
        }

        foreach (string path in this.paths)
        {
            File.Delete(path);
        }
    }

    [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static extern int SocketPair(int domain, int type, int protocol, int[] descriptors);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    private static long InodeOf(long fd)
    {
        // A socket descriptor links to "socket:[INODE]".
        string target = new FileInfo($"/proc/self/fd/{fd.ToString(CultureInfo.InvariantCulture)}").LinkTarget
            ?? throw new IOException($"fd {fd} is not a link");
        return long.Parse(target.Substring(8, target.Length - 9), CultureInfo.InvariantCulture);
    }

    private static long InodeOf(Socket s) => InodeOf(s.Handle.ToInt64());

    private UnixDomainSocketEndPoint PathEndPoint(string path)
    {
        File.Delete(path);
        this.paths.Add(path);
        return new UnixDomainSocketEndPoint(path);
    }

    private Socket Listen(SocketType type, UnixDomainSocketEndPoint endPoint, string shown)
    {
        var listener = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        this.sockets.Add(listener);
        listener.Bind(endPoint);
        listener.Listen(16);
        this.Described.Add(new HeldUnixSocket(type.ToString(), shown, "Listen", InodeOf(listener), null));
        return listener;
    }

    private void Serve(Socket listener)
    {
        var thread = new System.Threading.Thread(() =>
        {
            try
            {
                while (true)
                {
                    Socket accepted = listener.Accept();
                    lock (this.sockets)
                    {
                        this.sockets.Add(accepted);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was closed at exit.
            }
        })
        {
            IsBackground = true,
        };
        thread.Start();
    }

    private void Connected(SocketType type, UnixDomainSocketEndPoint endPoint, string shown)
    {
        Socket listener = this.Listen(type, endPoint, shown);
        var client = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        this.sockets.Add(client);
        client.Connect(endPoint);
        Socket accepted = listener.Accept();
        this.sockets.Add(accepted);
        long clientInode = InodeOf(client), acceptedInode = InodeOf(accepted);

        // The client is unnamed; the accepted socket carries its listener's name, as the kernel reports it.
        this.Described.Add(new HeldUnixSocket(type.ToString(), null, "Established", clientInode, acceptedInode));
        this.Described.Add(new HeldUnixSocket(type.ToString(), shown, "Established", acceptedInode, clientInode));
    }

    private void Datagram(UnixDomainSocketEndPoint endPoint, string shown, bool connect)
    {
        var receiver = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        this.sockets.Add(receiver);
        receiver.Bind(endPoint);
        long receiverInode = InodeOf(receiver);
        if (!connect)
        {
            // An unconnected datagram socket receives from anyone: Listen, as an unconnected UDP socket.
            this.Described.Add(new HeldUnixSocket("Dgram", shown, "Listen", receiverInode, null));
            return;
        }

        var sender = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        this.sockets.Add(sender);
        sender.Connect(endPoint);

        // connect() moves both ends to TCP_ESTABLISHED (ss: ESTAB), but only the sender has a peer.
        this.Described.Add(new HeldUnixSocket("Dgram", shown, "Established", receiverInode, null));
        this.Described.Add(new HeldUnixSocket("Dgram", null, "Established", InodeOf(sender), receiverInode));
    }

    private void Pair()
    {
        int[] fds = new int[2];
        if (SocketPair(AfUnix, SockStream, 0, fds) != 0)
        {
            throw new IOException($"socketpair failed: errno {Marshal.GetLastPInvokeError()}");
        }

        this.descriptors.AddRange(fds);
        long a = InodeOf(fds[0]), b = InodeOf(fds[1]);
        this.Described.Add(new HeldUnixSocket("Stream", null, "Established", a, b));
        this.Described.Add(new HeldUnixSocket("Stream", null, "Established", b, a));
    }

    private HoldCommand.HeldSocket Raw(string address)
    {
        IPAddress ip = IPAddress.Parse(address);
        if (!IPAddress.IsLoopback(ip))
        {
            throw new ArgumentException($"raw-icmp needs a loopback address, not {address}");
        }

        bool v6 = ip.AddressFamily == AddressFamily.InterNetworkV6;
        ProtocolType protocol = v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        var raw = new Socket(ip.AddressFamily, SocketType.Raw, protocol);
        this.sockets.Add(raw);
        raw.Bind(new IPEndPoint(ip, 0));

        // netstat -w and ss -w show a raw socket's protocol number where a port would be.
        return new HoldCommand.HeldSocket("Raw", v6 ? "IPv6" : "IPv4", ip.ToString(), (int)protocol, v6 ? "::" : "0.0.0.0", 0, "Listen");
    }

    /// <summary>One held Unix socket: its type (Stream, Dgram, Seqpacket), name as ss shows it, state, inode and peer inode.</summary>
    internal sealed record HeldUnixSocket(string SocketType, string? Path, string State, long Inode, long? PeerInode);
}
