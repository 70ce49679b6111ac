using System.Globalization;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Closes a TCP connection the way ss -K does: one SOCK_DESTROY request over NETLINK_SOCK_DIAG naming
/// the socket exactly (<see cref="LinuxSockDestroyRequest"/>). The kernel aborts it (tcp_abort): the
/// peer gets a reset, the owner's next call fails with ECONNABORTED. Needs CAP_NET_ADMIN in the socket's
/// network namespace and a kernel with CONFIG_INET_DIAG_DESTROY.
/// </summary>
internal sealed class LinuxConnectionCloser : IConnectionCloser
{
    private readonly int netlinkProtocol;

    /// <summary>Uses NETLINK_SOCK_DIAG.</summary>
    public LinuxConnectionCloser()
        : this(LibCSockets.NETLINK_SOCK_DIAG)
    {
    }

    /// <summary>Uses another netlink protocol (tests: one the kernel lacks, as a sandbox without sock_diag).</summary>
    /// <param name="netlinkProtocol">The protocol number.</param>
    internal LinuxConnectionCloser(int netlinkProtocol) => this.netlinkProtocol = netlinkProtocol;

    /// <inheritdoc />
    public bool NeedsSocketCookie => true;

    /// <inheritdoc />
    public string? CannotClose(Connection connection) => null;

    /// <inheritdoc />
    public CloseResult Close(Connection connection)
    {
        if (connection.SocketCookie is null)
        {
            // Only rows read from /proc/net lack one, and those come when sock_diag cannot be used.
            return new CloseResult(CloseOutcome.Unsupported, "it carries no socket cookie (NETLINK_SOCK_DIAG could not be read here), so it cannot be identified exactly and is not closed.");
        }

        using NetlinkSocket? socket = NetlinkSocket.TryOpen(this.netlinkProtocol, out int openErrno);
        if (socket is null)
        {
            return new CloseResult(
                CloseOutcome.Unsupported,
                "a NETLINK_SOCK_DIAG socket could not be opened (errno " + openErrno.ToString(CultureInfo.InvariantCulture) + "), so no connection can be closed here.",
                openErrno);
        }

        CloseResult? gone = StillClosable(socket, connection);
        if (gone is not null)
        {
            return gone;
        }

        if (!socket.Command(LinuxSockDestroyRequest.Build(connection), out int kernelError, out int errno))
        {
            return new CloseResult(CloseOutcome.Failed, "the SOCK_DESTROY request could not be sent or answered (errno " + errno.ToString(CultureInfo.InvariantCulture) + ").", errno);
        }

        return LinuxCloseErrors.Result(kernelError);
    }

    /// <summary>Null when the socket is still there in a closable state; else the answer to give (gone, or its lookup failed).</summary>
    private static CloseResult? StillClosable(NetlinkSocket socket, Connection connection)
    {
        if (!socket.Ask(LinuxSockDestroyRequest.BuildLookup(connection), out ushort type, out byte[]? payload, out int errno))
        {
            return new CloseResult(CloseOutcome.Failed, "the socket lookup could not be sent or answered (errno " + errno.ToString(CultureInfo.InvariantCulture) + ").", errno);
        }

        if (payload is null)
        {
            // ENOENT or ESTALE: gone; anything else is said as SOCK_DESTROY would say it.
            return LinuxCloseErrors.Result(errno);
        }

        if (type != LinuxSockDiagDecoder.SockDiagByFamily || payload.Length < LinuxSockDiagDecoder.MessageLength)
        {
            return new CloseResult(CloseOutcome.Failed, "the kernel answered the socket lookup with message type " + type.ToString(CultureInfo.InvariantCulture) + ".");
        }

        ConnectionState? now = LinuxSocketStates.FromKernel(TransportProtocol.Tcp, payload[1]);
        return now is ConnectionState state && System.Linq.Enumerable.Contains(Readers.ConnectionCloser.ClosableStates, state)
            ? null
            : new CloseResult(CloseOutcome.NotFound, "not found: it closed in the meantime (its socket is now " + (now?.ToString() ?? "in kernel state " + payload[1].ToString(CultureInfo.InvariantCulture)) + ").");
    }
}
