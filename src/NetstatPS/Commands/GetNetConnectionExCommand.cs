using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetstatPS.Abstractions;
using NetstatPS.Completion;
using NetstatPS.Filtering;
using NetstatPS.Readers;
using NetstatPS.Sampling;
using NetstatPS.Validation;

namespace NetstatPS.Commands;

/// <summary>
/// <para type="synopsis">Lists TCP and UDP sockets (and on Linux, when asked, raw and Unix domain sockets) with their owning processes: netstat -ano / ss -tuanp as objects.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "NetConnectionEx", DefaultParameterSetName = "List")]
[OutputType(typeof(Connection), ParameterSetName = new[] { "List" })]
[OutputType(typeof(ConnectionChange), ParameterSetName = new[] { "Watch" })]
public sealed class GetNetConnectionExCommand : SamplingCmdlet
{
    private readonly List<int> pipelineProcessIds = new();

    /// <summary>
    /// Tcp, Udp, Raw, Unix; without it Tcp and Udp (as netstat -an and ss -tua). Raw (ss -w) and Unix
    /// (ss -x) are listed on Linux only; Windows has no table of them and refuses with NotSupportedOnThisOS.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public TransportProtocol[]? Protocol { get; set; }

    /// <summary>IPv4, IPv6, or both (default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public IPAddressFamily[]? AddressFamily { get; set; }

    /// <summary>Socket states; Listen also returns unconnected UDP endpoints, as ss -l does.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public ConnectionState[]? State { get; set; }

    /// <summary>Local addresses or CIDR prefixes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateAddressOrPrefix]
    public string[]? LocalAddress { get; set; }

    /// <summary>Remote addresses or CIDR prefixes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateAddressOrPrefix]
    public string[]? RemoteAddress { get; set; }

    /// <summary>Local ports.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(0, 65535)]
    public int[]? LocalPort { get; set; }

    /// <summary>Remote ports.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateRange(0, 65535)]
    public int[]? RemotePort { get; set; }

    /// <summary>
    /// Owning process ids; binds Id from Get-Process output, OwningProcess from Get-NetTCPConnection
    /// output and ProcessId from this module's own objects. A piped object without an owner (a socket
    /// whose process is not visible) selects nothing rather than failing, so
    /// <c>Get-NetConnectionEx -State Listen | Get-NetConnectionEx</c> works on any table.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("OwningProcess", "Id")]
    [AllowNull]
    [ValidateProcessId]
    public int[]? ProcessId { get; set; }

    /// <summary>Owning process names; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProcessNameCompleter))]
    public string[]? ProcessName { get; set; }

    /// <summary>
    /// Services of the owning processes; wildcards allowed. Linux: the systemd unit (nginx.service;
    /// a name without a dot also matches its .service unit, as systemctl reads it). Windows: the
    /// services a process hosts (the svchost case), by service name.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceCompleter))]
    public string[]? Service { get; set; }

    /// <summary>Containers of the owning processes: the id or its first characters (the 12 docker ps shows); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ValidateContainerId]
    public string[]? ContainerId { get; set; }

    /// <summary>Adds each owner's command line (CommandLine): read only when asked, since it can be long and private.</summary>
    [Parameter]
    public SwitchParameter IncludeCommandLine { get; set; }

    /// <summary>Adds TCP internals (RTT, congestion window, retransmissions, bytes): ss -i.</summary>
    [Parameter]
    public SwitchParameter IncludeTcpInfo { get; set; }

    /// <summary>Adds socket memory (receive and send allocations and buffers, backlog, drops): ss -m.</summary>
    [Parameter]
    public SwitchParameter IncludeSocketMemory { get; set; }

    /// <summary>Resolves addresses to host names (netstat -f), in parallel, bounded by a 2-second budget.</summary>
    [Parameter]
    public SwitchParameter ResolveHostName { get; set; }

    /// <summary>Skips the owning-process lookup (ss -tan without -p): faster on very large tables.</summary>
    [Parameter]
    public SwitchParameter NoProcessInfo { get; set; }

    /// <summary>
    /// Emits changes instead of rows: Added, Removed and StateChanged objects between samples, every
    /// -Interval seconds (1 by default), until Ctrl+C or -Count samples. The first sample is the baseline.
    /// </summary>
    [Parameter(ParameterSetName = "Watch", Mandatory = true)]
    public SwitchParameter Watch { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        // [AllowNull] is for piped objects without an owner; typed on the command line, an empty or
        // null -ProcessId is a mistake that would otherwise silently mean "every process".
        if (!this.MyInvocation.ExpectingInput && this.MyInvocation.BoundParameters.ContainsKey(nameof(this.ProcessId)) && (this.ProcessId is null || this.ProcessId.Length == 0))
        {
            this.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-ProcessId is null or empty: give one or more process ids (whole numbers from 0 up), or pipe Get-Process output."),
                "ProcessIdNullOrEmpty",
                ErrorCategory.InvalidArgument,
                this.ProcessId));
        }
    }

    /// <inheritdoc />
    protected override void CollectInput()
    {
        // Process ids may arrive one pipeline object at a time (Get-Process nginx | ...): collect them
        // and read the kernel once in EndProcessing instead of once per process.
        if (this.ProcessId is not null)
        {
            this.pipelineProcessIds.AddRange(this.ProcessId);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        // Piped objects select processes: when none of them had an owner, nothing is selected.
        if (this.PipedNothing || (this.MyInvocation.ExpectingInput && this.pipelineProcessIds.Count == 0))
        {
            return;
        }

        var query = new ConnectionQuery
        {
            Protocols = this.Protocol ?? Array.Empty<TransportProtocol>(),
            AddressFamilies = this.AddressFamily ?? Array.Empty<IPAddressFamily>(),
            States = this.State ?? Array.Empty<ConnectionState>(),
            LocalAddresses = (this.LocalAddress ?? Array.Empty<string>()).Select(AddressFilter.Parse).ToArray(),
            RemoteAddresses = (this.RemoteAddress ?? Array.Empty<string>()).Select(AddressFilter.Parse).ToArray(),
            LocalPorts = this.LocalPort ?? Array.Empty<int>(),
            RemotePorts = this.RemotePort ?? Array.Empty<int>(),
            ProcessIds = this.pipelineProcessIds.Distinct().ToArray(),
            ProcessNames = (this.ProcessName ?? Array.Empty<string>()).Select(n => new NamePattern(n)).ToArray(),
            Services = (this.Service ?? Array.Empty<string>()).Select(n => new NamePattern(n)).ToArray(),
            ContainerIds = (this.ContainerId ?? Array.Empty<string>()).Select(ContainerPattern).ToArray(),
            IncludeCommandLine = this.IncludeCommandLine,
            IncludeProcessInfo = !this.NoProcessInfo,
            IncludeTcpInfo = this.IncludeTcpInfo,
            IncludeSocketMemory = this.IncludeSocketMemory,
            ResolveHostNames = this.ResolveHostName,
        };

        if (this.Watch)
        {
            this.RunSamples(() => ConnectionReader.Read(query, this.StopToken), Changes, null, TimeSpan.FromSeconds(1));
        }
        else
        {
            string[] views = ViewTypeNames(this.IncludeTcpInfo, this.IncludeSocketMemory, this.IsSampling);
            this.RunSamples(() => ConnectionReader.Read(query, this.StopToken), (_, current) => views.Length == 0 ? current : WithViews(current, views), null);
        }
    }

    /// <summary>
    /// The type names that pick the default view for what was asked: TCP internals (ss -ti), socket
    /// memory (ss -m), and/or one group per -Interval sample; none for the plain netstat -ano table.
    /// With both -IncludeTcpInfo and -IncludeSocketMemory the TcpInfo view is the default (it comes
    /// first) and the SocketMemory view stays selectable with Format-Table -View SocketMemory. Type
    /// names survive remoting (as Deserialized.…), so the remote output picks the same view.
    /// </summary>
    private static string[] ViewTypeNames(bool tcpInfo, bool socketMemory, bool sampled)
    {
        string suffix = sampled ? "Sampled" : string.Empty;
        var names = new List<string>(2);
        if (tcpInfo)
        {
            names.Add("NetstatPS.Connection#TcpInfo" + suffix);
        }

        if (socketMemory)
        {
            names.Add("NetstatPS.Connection#SocketMemory" + suffix);
        }

        if (names.Count == 0 && sampled)
        {
            names.Add("NetstatPS.Connection#Sampled");
        }

        return names.ToArray();
    }

    /// <summary>An id without wildcards is a prefix, as docker accepts the short id docker ps shows.</summary>
    private static NamePattern ContainerPattern(string id) =>
        new(id.IndexOfAny(new[] { '*', '?' }) >= 0 ? id.ToLowerInvariant() : id.ToLowerInvariant() + "*");

    private static IEnumerable<object> WithViews(IReadOnlyList<Connection> rows, string[] typeNames)
    {
        foreach (Connection row in rows)
        {
            var wrapped = PSObject.AsPSObject(row);
            for (int i = typeNames.Length - 1; i >= 0; i--)
            {
                wrapped.TypeNames.Insert(0, typeNames[i]);
            }

            yield return wrapped;
        }
    }

    private static IEnumerable<object> Changes(IReadOnlyList<Connection>? previous, IReadOnlyList<Connection> current) =>
        previous is null ? Array.Empty<object>() : ConnectionChangeTracker.Compare(previous, current, DateTime.Now);
}
