using System.Globalization;

namespace NetstatPS;

/// <summary>How a connection is named in Close-NetConnectionEx's prompts and errors: like a netstat row, "TCP 127.0.0.1:5000 -> 127.0.0.1:40001 Established, PID 123 (nginx)", the process name escaped by DisplayText (the endpoints already are).</summary>
internal static class ConnectionTargetText
{
    /// <summary>The text for <paramref name="connection"/>; the owner part only when the owner is known.</summary>
    public static string Of(Connection connection)
    {
        string text = connection.Proto + " " + connection.LocalEndpoint + " -> " + connection.RemoteEndpoint + " " + connection.State.ToString();
        if (connection.ProcessId is int pid)
        {
            text += ", PID " + pid.ToString(CultureInfo.InvariantCulture) + (connection.ProcessName is string name ? " (" + DisplayText.Escape(name) + ")" : string.Empty);
        }

        return text;
    }

    /// <summary>Explicit endpoints given without a live connection behind them: "TCP 127.0.0.1:5000 -> 127.0.0.1:40001".</summary>
    public static string Of(TransportProtocol protocol, System.Net.IPAddress local, int localPort, System.Net.IPAddress remote, int remotePort) =>
        protocol.ToString().ToUpperInvariant() + (local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "6 " : " ") +
        Endpoint(local, localPort) + " -> " + Endpoint(remote, remotePort);

    // As Connection.LocalEndpoint shows it: brackets keep an IPv6 address's colons apart from the port.
    private static string Endpoint(System.Net.IPAddress address, int port) =>
        (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString()) + ":" + port.ToString(CultureInfo.InvariantCulture);
}
