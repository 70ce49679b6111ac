using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost hold-private-thread IPV4-LOOPBACK</c>: opens a TCP listener on the main thread
/// (SharedPort), then starts a thread that calls unshare(CLONE_FILES) — from then on it has an fd table
/// of its own, a copy — and opens a second listener there (PrivatePort), which only that thread's
/// table holds: /proc/PID/fd does not show it, /proc/PID/task/TID/fd does, and ss finds no process for
/// it. Prints {"ProcessId","ThreadId","SharedPort","PrivatePort"} and holds both until stdin closes;
/// the private socket goes away with the process (its thread never returns).
/// </summary>
internal sealed unsafe class HoldPrivateThreadCommand : ITestHostCommand
{
    public string Name => "hold-private-thread";

    public int Run(string[] args)
    {
        if (args.Length != 1 || !IPAddress.TryParse(args[0], out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetwork || !IPAddress.IsLoopback(address))
        {
            Console.Error.WriteLine("hold-private-thread: give one IPv4 loopback address");
            return 2;
        }

        using var shared = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        shared.Bind(new IPEndPoint(address, 0));
        shared.Listen(4);

        int threadId = 0, privatePort = 0;
        string? error = null;
        using var ready = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            threadId = PrivateThreadLibC.GetThreadId();
            if (PrivateThreadLibC.Unshare(PrivateThreadLibC.CLONE_FILES) != 0)
            {
                error = $"unshare(CLONE_FILES) failed: errno {Marshal.GetLastWin32Error()}";
                ready.Set();
                return;
            }

            privatePort = ListenRaw(address, out error);
            ready.Set();

            // The private table (and the socket in it) lives as long as this thread: never return.
            Thread.Sleep(Timeout.Infinite);
        })
        {
            IsBackground = true,
            Name = "private fd table",
        };
        thread.Start();
        ready.Wait();
        if (error is not null)
        {
            Console.Error.WriteLine("hold-private-thread: " + error);
            return 1;
        }

        JsonOutput.Write(new { ProcessId = Environment.ProcessId, ThreadId = threadId, SharedPort = ((IPEndPoint)shared.LocalEndPoint!).Port, PrivatePort = privatePort });
        Console.Out.Flush();
        while (Console.In.ReadLine() is not null)
        {
        }

        return 0;
    }

    private static int ListenRaw(IPAddress address, out string? error)
    {
        error = null;
        int fd = PrivateThreadLibC.Socket(PrivateThreadLibC.AF_INET, PrivateThreadLibC.SOCK_STREAM, 0);
        if (fd < 0)
        {
            error = $"socket failed: errno {Marshal.GetLastWin32Error()}";
            return 0;
        }

        // struct sockaddr_in: sa_family (host order), sin_port and sin_addr (network order), 8 bytes of zero.
        byte* sin = stackalloc byte[16];
        new Span<byte>(sin, 16).Clear();
        *(ushort*)sin = PrivateThreadLibC.AF_INET;
        address.GetAddressBytes().CopyTo(new Span<byte>(sin + 4, 4));
        int length = 16;
        if (PrivateThreadLibC.Bind(fd, sin, 16) != 0 || PrivateThreadLibC.Listen(fd, 4) != 0 || PrivateThreadLibC.GetSockName(fd, sin, &length) != 0)
        {
            error = $"bind/listen/getsockname failed: errno {Marshal.GetLastWin32Error()}";
            return 0;
        }

        return (sin[2] << 8) | sin[3];
    }
}
