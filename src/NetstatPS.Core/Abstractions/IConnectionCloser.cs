namespace NetstatPS.Abstractions;

/// <summary>Closes (aborts) one TCP connection the way the OS allows: SOCK_DESTROY on Linux, SetTcpEntry DELETE_TCB on Windows.</summary>
internal interface IConnectionCloser
{
    /// <summary>
    /// True when the OS identifies a socket only exactly with its <see cref="Connection.SocketCookie"/>:
    /// a connection without one is looked up again first (to learn it) rather than closed by endpoints alone.
    /// </summary>
    bool NeedsSocketCookie { get; }

    /// <summary>Why this OS cannot close <paramref name="connection"/> at all (Windows and IPv6), before anything is asked; null when it can try.</summary>
    /// <param name="connection">A TCP connection in a closable state.</param>
    /// <returns>The reason, or null.</returns>
    string? CannotClose(Connection connection);

    /// <summary>Asks the OS to close <paramref name="connection"/>.</summary>
    /// <param name="connection">A TCP connection in a closable state that <see cref="CannotClose"/> accepted.</param>
    /// <returns>What happened.</returns>
    CloseResult Close(Connection connection);
}
