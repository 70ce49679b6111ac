using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using NetstatPS.Completion;
using NetstatPS.Readers;
using NetstatPS.Validation;

namespace NetstatPS.Commands;

/// <summary>
/// <para type="synopsis">Closes (aborts) TCP connections: TCPView's Close Connection and ss -K, with -WhatIf and -Confirm.</para>
/// </summary>
[Cmdlet(VerbsCommon.Close, "NetConnectionEx", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(Connection))]
public sealed class CloseNetConnectionExCommand : PSCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string EndpointSet = "Endpoint";
    private const string Action = "Close connection";

    /// <summary>Connections from Get-NetConnectionEx; each is closed exactly (on Linux by its socket cookie).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public Connection[]? InputObject { get; set; }

    /// <summary>The connection's local address; binds LocalAddress of piped objects (deserialized ones too).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [ValidateIPAddress]
    [ArgumentCompleter(typeof(ClosableEndpointCompleter))]
    public string? LocalAddress { get; set; }

    /// <summary>The connection's local port.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [ValidateRange(0, 65535)]
    [ArgumentCompleter(typeof(ClosableEndpointCompleter))]
    public int LocalPort { get; set; }

    /// <summary>The connection's remote address.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [ValidateIPAddress]
    [ArgumentCompleter(typeof(ClosableEndpointCompleter))]
    public string? RemoteAddress { get; set; }

    /// <summary>The connection's remote port.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [ValidateRange(0, 65535)]
    [ArgumentCompleter(typeof(ClosableEndpointCompleter))]
    public int RemotePort { get; set; }

    /// <summary>Tcp (the default); any other protocol is refused with ConnectionNotClosable, as the object it came from would be.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    public TransportProtocol Protocol { get; set; } = TransportProtocol.Tcp;

    /// <summary>The state the connection must be in; a piped object's State, so a row that changed state since it was listed is not closed.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [AllowNull]
    public ConnectionState? State { get; set; }

    /// <summary>The interface the socket is bound to; null (a piped object's usual value) matches any.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [AllowNull]
    public int? InterfaceIndex { get; set; }

    /// <summary>The socket cookie (Linux) of the socket meant; another socket on the same endpoints is then never closed.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [AllowNull]
    public ulong? SocketCookie { get; set; }

    /// <summary>Writes each connection that was closed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (this.ParameterSetName == InputObjectSet)
        {
            foreach (Connection c in this.InputObject ?? Array.Empty<Connection>())
            {
                this.CloseOne(c);
            }

            return;
        }

        IPAddress local = IPAddress.Parse(this.LocalAddress!);
        IPAddress remote = IPAddress.Parse(this.RemoteAddress!);
        string named = ConnectionTargetText.Of(this.Protocol, local, this.LocalPort, remote, this.RemotePort);
        if (this.Protocol != TransportProtocol.Tcp)
        {
            this.WriteNotClosable(named, $"only TCP connections can be closed, and this is a {this.Protocol} socket (it has no connection to abort; its process closes it).", named);
            return;
        }

        IReadOnlyList<Connection> found = this.Invoke(() => ConnectionCloser.Find(local, this.LocalPort, remote, this.RemotePort, this.InterfaceIndex, this.SocketCookie));
        List<Connection> wanted = found.Where(c => this.State is null || c.State == this.State).ToList();
        if (wanted.Count == 0)
        {
            string state = this.State is ConnectionState s ? " in state " + s : string.Empty;
            this.WriteNotFound(named + state, "no such TCP connection" + state + " exists (it closed in the meantime, or never existed).", named);
            return;
        }

        foreach (Connection c in wanted)
        {
            this.CloseOne(c);
        }
    }

    private void CloseOne(Connection connection)
    {
        string target = ConnectionTargetText.Of(connection);
        string? reason = this.Invoke(() => ConnectionCloser.WhyNotClosable(connection));
        if (reason is not null)
        {
            this.WriteNotClosable(target, reason, connection);
            return;
        }

        if (!this.ShouldProcess(target, Action))
        {
            return;
        }

        CloseResult result = this.Invoke(() => ConnectionCloser.Close(connection));
        switch (result.Outcome)
        {
            case CloseOutcome.Closed:
                if (this.PassThru)
                {
                    this.WriteObject(connection);
                }

                break;
            case CloseOutcome.NotFound:
                this.WriteNotFound(target, result.Message, connection);
                break;
            case CloseOutcome.NotClosable:
                this.WriteNotClosable(target, result.Message, connection);
                break;
            case CloseOutcome.AccessDenied:
                this.WriteError(new ErrorRecord(new UnauthorizedAccessException(Text(target, result.Message)), ErrorIds.CloseAccessDenied, ErrorCategory.PermissionDenied, connection));
                break;
            case CloseOutcome.Unsupported:
                // The whole system cannot do it: said once, and the rest of the pipeline is not tried.
                this.ThrowTerminatingError(new ErrorRecord(new PlatformNotSupportedException(Text(target, result.Message)), ErrorIds.CloseNotSupported, ErrorCategory.NotImplemented, connection));
                break;
            default:
                this.WriteError(new ErrorRecord(new InvalidOperationException(Text(target, result.Message)), ErrorIds.CloseFailed, ErrorCategory.InvalidOperation, connection));
                break;
        }
    }

    private static string Text(string target, string? reason) => "Cannot close " + target + ": " + (reason ?? "the OS refused.");

    private void WriteNotClosable(string target, string? reason, object connection) =>
        this.WriteError(new ErrorRecord(new InvalidOperationException(Text(target, reason)), ErrorIds.ConnectionNotClosable, ErrorCategory.InvalidOperation, connection));

    private void WriteNotFound(string target, string? reason, object connection) =>
        this.WriteError(new ErrorRecord(new ItemNotFoundException(Text(target, reason)), ErrorIds.ObjectNotFound, ErrorCategory.ObjectNotFound, connection));
}
