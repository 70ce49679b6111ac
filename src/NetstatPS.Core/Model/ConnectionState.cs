namespace NetstatPS;

/// <summary>
/// The state of a socket. The TCP values and their numbers are those of Windows' MIB_TCP_STATE and of
/// Get-NetTCPConnection's State, so scripts move between the two unchanged.
/// </summary>
/// <remarks>
/// UDP has no connection states. An unconnected UDP endpoint (bound, receiving from any peer: ss shows
/// it as UNCONN, netstat as <c>*:*</c>) is reported as <see cref="Listen"/>, which is also what
/// <c>ss -l</c> counts as listening; a UDP socket that called connect() is <see cref="Established"/>.
/// </remarks>
public enum ConnectionState
{
    /// <summary>TCP_CLOSE: a TCP socket that is bound or closed but neither listening nor connected.</summary>
    Closed = 1,

    /// <summary>Listening TCP socket, or unconnected UDP endpoint.</summary>
    Listen = 2,

    /// <summary>Active open sent its SYN.</summary>
    SynSent = 3,

    /// <summary>SYN received, handshake not complete (Linux's TCP_NEW_SYN_RECV maps here too).</summary>
    SynReceived = 4,

    /// <summary>Open TCP connection, or connected UDP socket.</summary>
    Established = 5,

    /// <summary>FIN_WAIT1.</summary>
    FinWait1 = 6,

    /// <summary>FIN_WAIT2.</summary>
    FinWait2 = 7,

    /// <summary>CLOSE_WAIT: the peer closed, this side has not.</summary>
    CloseWait = 8,

    /// <summary>CLOSING.</summary>
    Closing = 9,

    /// <summary>LAST_ACK.</summary>
    LastAck = 10,

    /// <summary>TIME_WAIT.</summary>
    TimeWait = 11,

    /// <summary>Windows' DELETE_TCB.</summary>
    DeleteTcb = 12,

    /// <summary>Windows: bound, not yet listening or connected (Get-NetTCPConnection's Bound).</summary>
    Bound = 100,
}
