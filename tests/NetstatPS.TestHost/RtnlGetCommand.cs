using System;
using System.Globalization;
using System.IO;
using System.Net;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.TestHost;

/// <summary>
/// nsps-testhost rtnl-get ADDRESS FILE [--fib] [--source ADDR] [--oif INDEX]: sends the RTM_GETROUTE
/// request -Destination sends and writes the kernel's raw answer datagram to FILE; prints
/// {"sequence": N, "portId": N} so a fixture can be replayed through NetlinkAnswerCollector. How the
/// route-get fixtures were captured (tests/fixtures/linux/capture-route-get.sh).
/// </summary>
internal sealed class RtnlGetCommand : ITestHostCommand
{
    public string Name => "rtnl-get";

    public unsafe int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: nsps-testhost rtnl-get ADDRESS FILE [--fib] [--source ADDR] [--oif INDEX]");
            return 2;
        }

        var a = new TestHostArgs(args[2..], "--fib");
        byte[] request = LinuxRouteGetRequest.Build(
            IPAddress.Parse(args[0]),
            a.One("--source") is string s ? IPAddress.Parse(s) : null,
            a.One("--oif") is string o ? int.Parse(o, CultureInfo.InvariantCulture) : null,
            a.Has("--fib"));
        using NetlinkSocket socket = NetlinkSocket.TryOpen(NetlinkSocket.NetlinkRoute, out int errno) ?? throw new IOException($"netlink socket: errno {errno}");
        uint seq = NetlinkSocket.NextSequence();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), seq);
        fixed (byte* req = request)
        {
            if (!socket.Send(req, request.Length, out errno))
            {
                throw new IOException($"send: errno {errno}");
            }
        }

        if (!socket.TryReceive(out ReadOnlySpan<byte> datagram, out errno))
        {
            throw new IOException($"recv: errno {errno}");
        }

        File.WriteAllBytes(args[1], datagram.ToArray());
        JsonOutput.Write(new { Sequence = seq, PortId = socket.PortId });
        return 0;
    }
}
