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

    /// <summary>The sample time as HH:mm:ss, the -Watch view's first column.</summary>
    public string Time => this.Timestamp.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Added, Removed or Changed: the change in at most seven letters, for the -Watch view at 80 columns.</summary>
    public string Change => this.ChangeType switch
    {
        ConnectionChangeType.Added => "Added",
        ConnectionChangeType.Removed => "Removed",
        _ => "Changed",
    };

    /// <summary>netstat's Proto column (TCP, TCP6, UDP, UDP6, RAW, RAW6, u_str, u_dgr, u_seq).</summary>
    public string Proto => this.Connection.Proto;

    /// <summary>The local endpoint as netstat shows it.</summary>
    public string LocalEndpoint => this.Connection.LocalEndpoint;

    /// <summary>The remote endpoint as netstat shows it.</summary>
    public string RemoteEndpoint => this.Connection.RemoteEndpoint;

    /// <summary>Tcp, Udp, Raw or Unix.</summary>
    public TransportProtocol Protocol => this.Connection.Protocol;

    /// <summary>The local address; null for a Unix socket.</summary>
    public string? LocalAddress => this.Connection.LocalAddress;

    /// <summary>The local port; null for a Unix socket.</summary>
    public int? LocalPort => this.Connection.LocalPort;

    /// <summary>The remote address; null for a Unix socket.</summary>
    public string? RemoteAddress => this.Connection.RemoteAddress;

    /// <summary>The remote port; null for a Unix socket.</summary>
    public int? RemotePort => this.Connection.RemotePort;

    /// <summary>The state now (for Removed: the last state seen).</summary>
    public ConnectionState State => this.Connection.State;

    /// <summary>The owning process id, when known.</summary>
    public int? ProcessId => this.Connection.ProcessId;

    /// <summary>The owning process name, when known.</summary>
    public string? ProcessName => this.Connection.ProcessName;

    /// <inheritdoc />
    public override string ToString() => $"{this.ChangeType} {this.Connection}";
}
