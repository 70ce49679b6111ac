using NetstatPS.Abstractions;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Linux's socket states (include/net/tcp_states.h) to and from <see cref="ConnectionState"/>, whose
/// numbers are Windows' MIB_TCP_STATE. UDP and raw sockets use only TCP_ESTABLISHED (connected) and
/// TCP_CLOSE (unconnected endpoint, reported as Listen the way ss -l counts it). Unix sockets use
/// TCP_LISTEN, TCP_ESTABLISHED and TCP_CLOSE (see <see cref="FromUnixKernel"/>).
/// </summary>
internal static class LinuxSocketStates
{
    /// <summary>TCP_ESTABLISHED.</summary>
    public const int Established = 1;

    /// <summary>TCP_SYN_SENT.</summary>
    public const int SynSent = 2;

    /// <summary>TCP_SYN_RECV.</summary>
    public const int SynReceived = 3;

    /// <summary>TCP_FIN_WAIT1.</summary>
    public const int FinWait1 = 4;

    /// <summary>TCP_FIN_WAIT2.</summary>
    public const int FinWait2 = 5;

    /// <summary>TCP_TIME_WAIT.</summary>
    public const int TimeWait = 6;

    /// <summary>TCP_CLOSE.</summary>
    public const int Close = 7;

    /// <summary>TCP_CLOSE_WAIT.</summary>
    public const int CloseWait = 8;

    /// <summary>TCP_LAST_ACK.</summary>
    public const int LastAck = 9;

    /// <summary>TCP_LISTEN.</summary>
    public const int Listen = 10;

    /// <summary>TCP_CLOSING.</summary>
    public const int Closing = 11;

    /// <summary>TCP_NEW_SYN_RECV: a request socket (the kernel reports it as TCP_SYN_RECV).</summary>
    public const int NewSynReceived = 12;

    /// <summary>
    /// TCP_BOUND_INACTIVE (Linux 6.3+): only a request bit. Sockets bound but neither listening nor
    /// connected are dumped from the bind hash when it is set, and reported in their real state, TCP_CLOSE.
    /// </summary>
    public const int BoundInactive = 13;

    /// <summary>Every TCP state a plain dump asks for (ss -a): all but bound-inactive sockets, which /proc/net/tcp never lists either.</summary>
    public const uint AllTcp = (1u << 13) - 2;

    /// <summary>The model state of a kernel state, or null for a state the model does not know.</summary>
    /// <param name="protocol">Tcp or Udp.</param>
    /// <param name="kernelState">The kernel's state number.</param>
    /// <returns>The state, or null.</returns>
    public static ConnectionState? FromKernel(TransportProtocol protocol, int kernelState)
    {
        if (protocol is TransportProtocol.Udp or TransportProtocol.Raw)
        {
            return kernelState switch
            {
                Established => ConnectionState.Established,
                Close => ConnectionState.Listen,
                _ => null,
            };
        }

        return kernelState switch
        {
            Established => ConnectionState.Established,
            SynSent => ConnectionState.SynSent,
            SynReceived or NewSynReceived => ConnectionState.SynReceived,
            FinWait1 => ConnectionState.FinWait1,
            FinWait2 => ConnectionState.FinWait2,
            TimeWait => ConnectionState.TimeWait,
            Close => ConnectionState.Closed,
            CloseWait => ConnectionState.CloseWait,
            LastAck => ConnectionState.LastAck,
            Listen => ConnectionState.Listen,
            Closing => ConnectionState.Closing,
            _ => null,
        };
    }

    /// <summary>The idiag_states bitmask (bit 1 &lt;&lt; TCP_x) that asks the kernel for the query's states of one protocol.</summary>
    /// <param name="protocol">Tcp or Udp.</param>
    /// <param name="query">The query; no states means all (bound-but-inactive TCP sockets only when Closed is named).</param>
    /// <returns>The mask; 0 when no state of the query exists for the protocol.</returns>
    public static uint KernelMask(TransportProtocol protocol, ConnectionQuery query)
    {
        if (query.States.Count == 0)
        {
            return protocol is TransportProtocol.Udp or TransportProtocol.Raw ? (1u << Established) | (1u << Close) : AllTcp;
        }

        uint mask = 0;
        foreach (ConnectionState state in query.States)
        {
            mask |= KernelBits(protocol, state);
        }

        return mask;
    }

    /// <summary>The kernel state bits that map to one model state.</summary>
    /// <param name="protocol">Tcp or Udp.</param>
    /// <param name="state">The model state.</param>
    /// <returns>The bits (0 when the protocol has no such state).</returns>
    public static uint KernelBits(TransportProtocol protocol, ConnectionState state)
    {
        if (protocol is TransportProtocol.Udp or TransportProtocol.Raw)
        {
            return state switch
            {
                ConnectionState.Listen => 1u << Close,
                ConnectionState.Established => 1u << Established,
                _ => 0,
            };
        }

        return state switch
        {
            // Closed asks for TCP_CLOSE sockets and for the bound-but-inactive ones (Linux 6.3+), which the
            // kernel reports as TCP_CLOSE; older kernels ignore the unknown bit. Windows' Bound has no
            // separate Linux state: such sockets are Closed here.
            ConnectionState.Closed => (1u << Close) | (1u << BoundInactive),
            ConnectionState.Listen => 1u << Listen,
            ConnectionState.SynSent => 1u << SynSent,
            ConnectionState.SynReceived => (1u << SynReceived) | (1u << NewSynReceived),
            ConnectionState.Established => 1u << Established,
            ConnectionState.FinWait1 => 1u << FinWait1,
            ConnectionState.FinWait2 => 1u << FinWait2,
            ConnectionState.CloseWait => 1u << CloseWait,
            ConnectionState.Closing => 1u << Closing,
            ConnectionState.LastAck => 1u << LastAck,
            ConnectionState.TimeWait => 1u << TimeWait,
            _ => 0,
        };
    }

    /// <summary>
    /// The model state of a Unix socket: TCP_LISTEN is Listen, TCP_ESTABLISHED (connected, or a
    /// socketpair) is Established. TCP_CLOSE is read like the IP protocols: a datagram socket that is
    /// not connected receives from anyone, like an unconnected UDP socket, so it is Listen (ss shows it
    /// as UNCONN and counts it with -l); a stream or seqpacket socket that neither listens nor is
    /// connected is Closed, like a TCP socket in TCP_CLOSE.
    /// </summary>
    /// <param name="kernelState">sk_state.</param>
    /// <param name="type">The socket type.</param>
    /// <returns>The state, or null for a state Unix sockets do not have.</returns>
    public static ConnectionState? FromUnixKernel(int kernelState, System.Net.Sockets.SocketType type) => kernelState switch
    {
        Listen => ConnectionState.Listen,
        Established => ConnectionState.Established,
        Close => type == System.Net.Sockets.SocketType.Dgram ? ConnectionState.Listen : ConnectionState.Closed,
        _ => null,
    };

    /// <summary>
    /// True for the kernel's mini sockets (TIME_WAIT, and SYN_RECV request sockets, which have no
    /// inode): they carry no owner uid, so UserId is null for them on both the netlink and /proc paths.
    /// </summary>
    /// <param name="kernelState">The kernel state.</param>
    /// <param name="inode">The socket inode.</param>
    /// <returns>Whether the row is a mini socket.</returns>
    public static bool IsMiniSocket(int kernelState, ulong inode) =>
        kernelState == TimeWait || ((kernelState == SynReceived || kernelState == NewSynReceived) && inode == 0);

    /// <summary>The timer name ss -o prints for the kernel's timer code (idiag_timer, /proc's "tr").</summary>
    /// <param name="timer">The timer code.</param>
    /// <returns>on, keepalive, timewait, persist, unknown; null for 0 (no timer).</returns>
    public static string? TimerName(int timer) => timer switch
    {
        0 => null,
        1 => "on",
        2 => "keepalive",
        3 => "timewait",
        4 => "persist",
        _ => "unknown",
    };
}
