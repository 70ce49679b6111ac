using System;
using System.Buffers.Binary;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// The MIB_TCPROW that asks SetTcpEntry to delete one IPv4 connection's TCB (what TCPView's Close
/// Connection sends): dwState MIB_TCP_STATE_DELETE_TCB, the four endpoint values in network byte order,
/// each port in the low 16 bits of its DWORD as GetExtendedTcpTable gives them.
/// </summary>
internal static class WindowsDeleteTcbRow
{
    /// <summary>MIB_TCP_STATE_DELETE_TCB.</summary>
    public const uint DeleteTcb = 12;

    /// <summary>Builds the row.</summary>
    /// <param name="connection">An IPv4 TCP connection.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">Not IPv4 TCP.</exception>
    public static MibTcpRow Build(Connection connection)
    {
        if (connection.Protocol != TransportProtocol.Tcp || connection.AddressFamily != IPAddressFamily.IPv4)
        {
            throw new ArgumentException("SetTcpEntry takes IPv4 TCP connections only.", nameof(connection));
        }

        return new MibTcpRow
        {
            State = DeleteTcb,
            LocalAddr = NetworkOrder(connection.LocalIPAddress),
            LocalPort = PortDword(connection.LocalPortNumber),
            RemoteAddr = NetworkOrder(connection.RemoteIPAddress),
            RemotePort = PortDword(connection.RemotePortNumber),
        };
    }

    // The address bytes as they lie in memory (network order), read as the little-endian DWORD Windows stores.
    private static uint NetworkOrder(System.Net.IPAddress address) => BinaryPrimitives.ReadUInt32LittleEndian(address.GetAddressBytes());

    // The port's two network-order bytes in the low word: 80 → 0x00005000.
    private static uint PortDword(int port) => BinaryPrimitives.ReverseEndianness((ushort)port);
}
