using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NetstatPS.Core.Tests.Text;

/// <summary>LocalEndpoint and RemoteEndpoint are display text: the hostile parts escaped, the exact values in Path and the host names.</summary>
public sealed class EndpointDisplayTests
{
    [Fact]
    public void A_Unix_path_is_exact_in_Path_and_escaped_in_the_endpoints_and_ToString()
    {
        var peer = new Connection { Protocol = TransportProtocol.Unix };
        peer.Unix = new UnixSocketDetail(SocketType.Stream, "/run/\u001B]0;X\u0007\nfake", 7);
        var row = new Connection { Protocol = TransportProtocol.Unix, State = ConnectionState.Established };
        row.Unix = new UnixSocketDetail(SocketType.Stream, "/tmp/\u202Ekcos", 9) { Peer = peer };
        Assert.Equal("/tmp/\u202Ekcos", row.Path);
        Assert.Equal(@"/tmp/\u202ekcos", row.LocalEndpoint);
        Assert.Equal(@"/run/\e]0;X\a\nfake 9", row.RemoteEndpoint);
        Assert.Equal(@"Unix /tmp/\u202ekcos /run/\e]0;X\a\nfake 9 Established", row.ToString());
    }

    [Fact]
    public void A_host_name_from_reverse_DNS_is_exact_in_the_property_and_escaped_in_the_endpoint()
    {
        var row = new Connection { Protocol = TransportProtocol.Tcp, LocalPort = 443, LocalHostName = "evil\u001B[2K.example" };
        row.SetLocalIPAddress(IPAddress.Loopback);
        Assert.Equal("evil\u001B[2K.example", row.LocalHostName);
        Assert.Equal(@"evil\e[2K.example:443", row.LocalEndpoint);
    }

    [Fact]
    public void An_ordinary_endpoint_is_unchanged()
    {
        var row = new Connection { Protocol = TransportProtocol.Unix };
        row.Unix = new UnixSocketDetail(SocketType.Stream, "/run/systemd/private", null);
        Assert.Same(row.Path, row.LocalEndpoint);
    }
}
