using System.Runtime.InteropServices;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Netlink;

/// <summary>The netlink interop: native struct layouts, and a real dump against this kernel.</summary>
public class NetlinkSocketTests
{
    [Fact]
    public void NativeStructsHaveTheKernelsLayout()
    {
        Assert.Equal(12, Marshal.SizeOf<SockAddrNetlink>()); // struct sockaddr_nl
        Assert.Equal(4, (int)Marshal.OffsetOf<SockAddrNetlink>(nameof(SockAddrNetlink.PortId)));
        Assert.Equal(8, (int)Marshal.OffsetOf<SockAddrNetlink>(nameof(SockAddrNetlink.Groups)));
        Assert.Equal(16, Marshal.SizeOf<TimeValue>()); // struct timeval on LP64
    }

    [Fact]
    public void BuildsADumpRequestHeader()
    {
        byte[] request = NetlinkSocket.BuildDumpRequest(LinuxRouteDecoder.GetRoute, LinuxRouteDecoder.RequestHeader(10));
        Assert.Equal(28, request.Length); // nlmsghdr 16 + rtmsg 12
        Assert.Equal(new byte[] { 28, 0, 0, 0, 26, 0, 0x01, 0x03 }, request[..8]); // len, RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP
        Assert.Equal(10, request[16]); // rtm_family AF_INET6
    }

    [Fact]
    public void DumpsThisKernelsLinksEndingWithDone()
    {
        using NetlinkSocket? socket = NetlinkSocket.TryOpen(NetlinkSocket.NetlinkRoute, out int errno);
        Assert.True(socket is not null, $"errno {errno}");
        Assert.NotEqual(0u, socket!.PortId);
        byte[]? reply = socket.Dump(NetlinkSocket.BuildDumpRequest(LinuxLinkDecoder.GetLink, LinuxLinkDecoder.RequestHeader()), out _, out errno);
        Assert.True(reply is not null, $"errno {errno}");
        var links = new System.Collections.Generic.List<InterfaceStatistic>();
        LinuxLinkDecoder.Decode(reply, links);
        Assert.Contains(links, l => l.Name == "lo" && l.Index == 1 && l.Type == "Loopback");

        // A second dump on the same socket (new sequence number) works too.
        Assert.NotNull(socket.Dump(NetlinkSocket.BuildDumpRequest(LinuxRouteDecoder.GetRoute, LinuxRouteDecoder.RequestHeader(2)), out _, out _));
    }
}
