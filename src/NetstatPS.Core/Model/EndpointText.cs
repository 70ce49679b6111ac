using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetstatPS;

/// <summary>How an address and port read in a netstat column: 10.0.0.1:443, [2001:db8::1]:443, or host:443.</summary>
internal static class EndpointText
{
    /// <summary>The endpoint as text; a resolved host name replaces the address.</summary>
    public static string Format(string? hostName, IPAddress address, int port)
    {
        string portText = port.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(hostName))
        {
            return hostName + ":" + portText;
        }

        // Brackets keep the port apart from an IPv6 address's own colons (RFC 3986 authority form).
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? "[" + address.ToString() + "]:" + portText
            : address.ToString() + ":" + portText;
    }
}
