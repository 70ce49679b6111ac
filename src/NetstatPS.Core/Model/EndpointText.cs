using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetstatPS;

/// <summary>How an endpoint reads in a netstat column: 10.0.0.1:443, [2001:db8::1]:443, host:443, or a Unix socket as ss shows it.</summary>
internal static class EndpointText
{
    /// <summary>The endpoint as text; a resolved host name replaces the address.</summary>
    public static string Format(string? hostName, IPAddress address, int port) =>
        Format(hostName, address, port.ToString(CultureInfo.InvariantCulture));

    /// <summary>The endpoint with a port given as text (netstat's * for "no port").</summary>
    public static string Format(string? hostName, IPAddress address, string portText)
    {
        if (!string.IsNullOrEmpty(hostName))
        {
            return DisplayText.Escape(hostName) + ":" + portText; // a PTR record says what it likes
        }

        // Brackets keep the port apart from an IPv6 address's own colons (RFC 3986 authority form).
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? "[" + address.ToString() + "]:" + portText
            : address.ToString() + ":" + portText;
    }

    /// <summary>
    /// A Unix socket's peer as ss's Peer Address:Port columns show it: the name (* when unnamed), a
    /// space, and the inode in the place of a port, which tells the peer apart from every other
    /// unnamed socket and matches that socket's Inode.
    /// </summary>
    public static string Unix(string? name, long inode) => (DisplayText.Escape(name) ?? "*") + " " + inode.ToString(CultureInfo.InvariantCulture);

    /// <summary>ss's Netid of a Unix socket type: u_str, u_dgr, u_seq.</summary>
    public static string UnixNetid(SocketType type) => type switch
    {
        SocketType.Dgram => "u_dgr",
        SocketType.Seqpacket => "u_seq",
        _ => "u_str",
    };
}
