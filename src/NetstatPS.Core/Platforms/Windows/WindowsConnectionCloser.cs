using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Closes a TCP connection the way TCPView does: SetTcpEntry with a MIB_TCPROW in state
/// MIB_TCP_STATE_DELETE_TCB. Windows has no socket cookie, so the connection is named by its four
/// endpoint values, which TCP keeps unique at any instant. IPv4 only: there is no IPv6 counterpart.
/// </summary>
internal sealed unsafe class WindowsConnectionCloser : IConnectionCloser
{
    /// <inheritdoc />
    public bool NeedsSocketCookie => false;

    /// <inheritdoc />
    public string? CannotClose(Connection connection) =>
        connection.AddressFamily == IPAddressFamily.IPv6 ? WindowsCloseErrors.NoIPv6Call : null;

    /// <inheritdoc />
    public CloseResult Close(Connection connection)
    {
        // Without a cookie the table is the only witness: the row must be there before, and gone after,
        // whatever SetTcpEntry answers (Wine's stub answers NO_ERROR and deletes nothing).
        if (!StillOpen(connection))
        {
            return new CloseResult(CloseOutcome.NotFound, "not found: it closed in the meantime.");
        }

        MibTcpRow row = WindowsDeleteTcbRow.Build(connection);
        uint error;
        try
        {
            error = IpHlpApi.SetTcpEntry(&row);
        }
        catch (EntryPointNotFoundException)
        {
            return new CloseResult(CloseOutcome.Unsupported, "this system's iphlpapi.dll has no SetTcpEntry, so it cannot close connections.");
        }

        CloseResult result = WindowsCloseErrors.Result(error);
        if (result.Outcome == CloseOutcome.Closed && StillOpen(connection))
        {
            return new CloseResult(CloseOutcome.Failed, "SetTcpEntry answered NO_ERROR (0), but the connection is still open: this system's SetTcpEntry did not delete it.", 0);
        }

        return result;
    }

    /// <summary>Whether the IPv4 TCP table still has this four-tuple in a closable state.</summary>
    private static bool StillOpen(Connection connection)
    {
        var rows = new List<Connection>();
        new WindowsConnectionSource().Read(
            new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, AddressFamilies = new[] { IPAddressFamily.IPv4 }, States = Readers.ConnectionCloser.ClosableStates.ToArray() },
            rows,
            new WarningCollector());
        return rows.Any(r => r.LocalPortNumber == connection.LocalPortNumber && r.RemotePortNumber == connection.RemotePortNumber &&
                             r.LocalIPAddress.Equals(connection.LocalIPAddress) && r.RemoteIPAddress.Equals(connection.RemoteIPAddress));
    }
}
