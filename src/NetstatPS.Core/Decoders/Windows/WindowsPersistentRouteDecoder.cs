using System.Net;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Reads one value name of HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\PersistentRoutes,
/// where route -p keeps IPv4 routes as "destination,netmask,gateway,metric" (the value data is empty).
/// </summary>
internal static class WindowsPersistentRouteDecoder
{
    /// <summary>Parses a value name; false when it is not in that form.</summary>
    /// <param name="valueName">For example "10.1.0.0,255.255.0.0,192.168.1.1,1".</param>
    /// <param name="key">"destination/prefix via gateway" in the form <see cref="KeyOf"/> gives for a route.</param>
    /// <returns>Whether the name was understood.</returns>
    public static bool TryParse(string valueName, out string key)
    {
        key = string.Empty;
        string[] parts = valueName.Split(',');
        if (parts.Length < 3 ||
            !IPAddress.TryParse(parts[0], out IPAddress? destination) ||
            !IPAddress.TryParse(parts[1], out IPAddress? mask) ||
            !IPAddress.TryParse(parts[2], out IPAddress? gateway) ||
            destination.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork ||
            mask.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        byte[] m = mask.GetAddressBytes();
        uint bits = ((uint)m[0] << 24) | ((uint)m[1] << 16) | ((uint)m[2] << 8) | m[3];
        int prefix = 0;
        while (prefix < 32 && (bits & (0x80000000u >> prefix)) != 0)
        {
            prefix++;
        }

        if (prefix < 32 && (bits << prefix) != 0)
        {
            return false; // not a contiguous netmask
        }

        key = KeyOf(destination.ToString(), prefix, gateway.ToString());
        return true;
    }

    /// <summary>The key a route is matched by.</summary>
    /// <param name="destination">The destination address.</param>
    /// <param name="prefixLength">The prefix length.</param>
    /// <param name="nextHop">The gateway (0.0.0.0 for on-link).</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string destination, int prefixLength, string nextHop) =>
        destination + "/" + prefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " via " + nextHop;
}
