using System;
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

        return WindowsCloseErrors.Result(error);
    }
}
