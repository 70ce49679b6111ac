using System;

namespace NetstatPS;

/// <summary>
/// One change seen by <c>Get-NetConnectionEx -Watch</c>: a socket that appeared, disappeared or changed
/// state since the previous sample. The socket's main fields are repeated flat so Format-Table,
/// Export-Csv and remoting need no nested object; the full row is in <see cref="Connection"/>.
/// </summary>
public sealed class ConnectionChange
{
    internal ConnectionChange(DateTime timestamp, ConnectionChangeType changeType, Connection connection, ConnectionState? previousState)
    {
        this.Timestamp = timestamp;
        this.ChangeType = changeType;
        this.Connection = connection;
        this.PreviousState = previousState;
    }

    /// <summary>When the sample that saw the change was taken.</summary>
    public DateTime Timestamp { get; }

    /// <summary>Added, Removed or StateChanged.</summary>
    public ConnectionChangeType ChangeType { get; }

    /// <summary>The state before the change; null for Added.</summary>
    public ConnectionState? PreviousState { get; }

    /// <summary>The socket as last seen (for Removed: as it was before it went away).</summary>
    public Connection Connection { get; }

    /// <summary>Tcp or Udp.</summary>
    public TransportProtocol Protocol => this.Connection.Protocol;

    /// <summary>The local address.</summary>
    public string LocalAddress => this.Connection.LocalAddress;

    /// <summary>The local port.</summary>
    public int LocalPort => this.Connection.LocalPort;

    /// <summary>The remote address.</summary>
    public string RemoteAddress => this.Connection.RemoteAddress;

    /// <summary>The remote port.</summary>
    public int RemotePort => this.Connection.RemotePort;

    /// <summary>The state now (for Removed: the last state seen).</summary>
    public ConnectionState State => this.Connection.State;

    /// <summary>The owning process id, when known.</summary>
    public int? ProcessId => this.Connection.ProcessId;

    /// <summary>The owning process name, when known.</summary>
    public string? ProcessName => this.Connection.ProcessName;

    /// <inheritdoc />
    public override string ToString() => $"{this.ChangeType} {this.Connection}";
}
