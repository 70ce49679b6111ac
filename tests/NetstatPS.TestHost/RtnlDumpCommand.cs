using System;
using System.IO;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.TestHost;

/// <summary>
/// nsps-testhost rtnl-dump link|route4|route6 FILE: writes the kernel's raw RTM_GETLINK / RTM_GETROUTE
/// reply (every message up to and including NLMSG_DONE) to FILE; how the netlink fixtures were captured.
/// </summary>
internal sealed class RtnlDumpCommand : ITestHostCommand
{
    public string Name => "rtnl-dump";

    public int Run(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: nsps-testhost rtnl-dump link|route4|route6 FILE");
            return 2;
        }

        byte[] request = args[0] switch
        {
            "link" => NetlinkSocket.BuildDumpRequest(LinuxLinkDecoder.GetLink, LinuxLinkDecoder.RequestHeader()),
            "route4" => NetlinkSocket.BuildDumpRequest(LinuxRouteDecoder.GetRoute, LinuxRouteDecoder.RequestHeader(2)),
            "route6" => NetlinkSocket.BuildDumpRequest(LinuxRouteDecoder.GetRoute, LinuxRouteDecoder.RequestHeader(10)),
            _ => throw new ArgumentException("link, route4 or route6"),
        };
        using NetlinkSocket socket = NetlinkSocket.TryOpen(NetlinkSocket.NetlinkRoute, out int errno) ?? throw new IOException($"netlink socket: errno {errno}");
        byte[] reply = socket.Dump(request, out _, out errno) ?? throw new IOException($"dump: errno {errno}");
        File.WriteAllBytes(args[1], reply);
        return 0;
    }
}
