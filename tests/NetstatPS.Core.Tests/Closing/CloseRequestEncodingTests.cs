using System;
using System.Buffers.Binary;
using System.Net;
using NetstatPS.Decoders.Linux;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Closing;

/// <summary>The bytes each OS is sent to close one connection: SOCK_DESTROY's inet_diag_req_v2 and SetTcpEntry's MIB_TCPROW.</summary>
public class CloseRequestEncodingTests
{
    internal static Connection Tcp(string local, int localPort, string remote, int remotePort, ulong? cookie, int? ifIndex = null, ConnectionState state = ConnectionState.Established)
    {
        IPAddress l = IPAddress.Parse(local);
        var c = new Connection
        {
            Protocol = TransportProtocol.Tcp,
            AddressFamily = l.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddressFamily.IPv4 : IPAddressFamily.IPv6,
            LocalPort = localPort,
            RemotePort = remotePort,
            State = state,
            SocketCookie = cookie,
            InterfaceIndex = ifIndex,
        };
        c.SetLocalIPAddress(l);
        c.SetRemoteIPAddress(IPAddress.Parse(remote));
        return c;
    }

    [Fact]
    public void SockDestroyNamesTheIPv4SocketByEveryFieldAndItsCookie()
    {
        byte[] r = LinuxSockDestroyRequest.Build(Tcp("10.1.2.3", 5000, "192.0.2.9", 40001, 0x1122334455667788UL, ifIndex: 7));
        Assert.Equal(72, r.Length);
        Assert.Equal(72u, BinaryPrimitives.ReadUInt32LittleEndian(r));
        Assert.Equal(21, BinaryPrimitives.ReadUInt16LittleEndian(r.AsSpan(4)));   // SOCK_DESTROY
        Assert.Equal(0x5, BinaryPrimitives.ReadUInt16LittleEndian(r.AsSpan(6)));  // NLM_F_REQUEST | NLM_F_ACK
        Assert.Equal(2, r[16]);   // AF_INET
        Assert.Equal(6, r[17]);   // IPPROTO_TCP
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0 }, r.AsSpan(18, 6).ToArray()); // idiag_ext, pad, idiag_states
        Assert.Equal(new byte[] { 0x13, 0x88, 0x9c, 0x41 }, r.AsSpan(24, 4).ToArray()); // 5000, 40001 big endian
        Assert.Equal(new byte[] { 10, 1, 2, 3 }, r.AsSpan(28, 4).ToArray());
        Assert.Equal(new byte[12], r.AsSpan(32, 12).ToArray());
        Assert.Equal(new byte[] { 192, 0, 2, 9 }, r.AsSpan(44, 4).ToArray());
        Assert.Equal(7u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(60)));
        Assert.Equal(0x55667788u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(64))); // cookie[0]: low half
        Assert.Equal(0x11223344u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(68))); // cookie[1]: high half
    }

    [Fact]
    public void SockDestroyCarriesWholeIPv6AddressesWithoutTheirScope()
    {
        byte[] r = LinuxSockDestroyRequest.Build(Tcp("fe80::1%3", 443, "2001:db8::2", 1, 5, ifIndex: null));
        Assert.Equal(10, r[16]); // AF_INET6
        Assert.Equal(IPAddress.Parse("fe80::1").GetAddressBytes(), r.AsSpan(28, 16).ToArray());
        Assert.Equal(IPAddress.Parse("2001:db8::2").GetAddressBytes(), r.AsSpan(44, 16).ToArray());
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(60)));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(64)));
    }

    [Fact]
    public void SockDestroyIsNeverBuiltWithoutACookieOrForAnotherProtocol()
    {
        // Without the cookie the kernel's lookup could fall back to the listener on the local port.
        Assert.Throws<ArgumentException>(() => LinuxSockDestroyRequest.Build(Tcp("127.0.0.1", 1, "127.0.0.1", 2, null)));
        Connection udp = Tcp("127.0.0.1", 1, "127.0.0.1", 2, 9);
        udp.Protocol = TransportProtocol.Udp;
        Assert.Throws<ArgumentException>(() => LinuxSockDestroyRequest.Build(udp));
    }

    [Fact]
    public void DeleteTcbRowHoldsNetworkOrderAddressesAndPortsInTheLowWord()
    {
        MibTcpRow row = WindowsDeleteTcbRow.Build(Tcp("10.1.2.3", 80, "192.0.2.9", 40001, null));
        Assert.Equal(12u, row.State);
        Assert.Equal(0x0302010Au, row.LocalAddr);
        Assert.Equal(0x00005000u, row.LocalPort);
        Assert.Equal(0x090200C0u, row.RemoteAddr);
        Assert.Equal(0x0000419Cu, row.RemotePort);
        Assert.Equal(20, System.Runtime.InteropServices.Marshal.SizeOf<MibTcpRow>());
        Assert.Throws<ArgumentException>(() => WindowsDeleteTcbRow.Build(Tcp("::1", 80, "::1", 40001, null)));
    }
}
