using System;
using System.Collections.Generic;
using System.ComponentModel;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Windows sockets from iphlpapi: GetExtendedTcpTable and GetExtendedUdpTable with the OWNER_MODULE
/// classes (owning PID and creation time), per family, with the stack's own listener/connection split
/// used when the state filter allows it. GetTcpTable2 / GetTcp6Table2 add OffloadState.
/// </summary>
/// <remarks>
/// TcpInfo (-IncludeTcpInfo) is not filled on Windows: GetPerTcpConnectionEStats needs per-connection
/// collection switched on (SetPerTcpConnectionEStats, administrator; every TCP_ESTATS_*_RW_v0
/// EnableCollection defaults to disabled) before it has anything to report, which would change system
/// state; the call says so with one warning. SocketMemory (-IncludeSocketMemory) is not filled either:
/// Windows exposes no per-socket memory figures at all; one warning says so.
/// Unix domain and raw sockets have no table on Windows: AF_UNIX exists since Windows 10 1803 and raw
/// sockets much longer, but iphlpapi lists only TCP and UDP endpoints and no other interface
/// enumerates them (netstat on Windows does not show them either). Asking for them (-Protocol Unix or
/// Raw) is therefore a query this OS cannot answer: a NotSupportedException naming the protocol, which
/// the cmdlet reports as one terminating NotSupportedOnThisOS error, rather than an empty result that
/// would read as "none open".
/// </remarks>
internal sealed unsafe class WindowsConnectionSource : IConnectionSource
{
    private const uint ErrorNotSupported = 50;
    private const uint ErrorInvalidParameter = 87;

    private static readonly ConnectionState[] TcpStates =
    {
        ConnectionState.Closed, ConnectionState.Listen, ConnectionState.SynSent, ConnectionState.SynReceived, ConnectionState.Established,
        ConnectionState.FinWait1, ConnectionState.FinWait2, ConnectionState.CloseWait, ConnectionState.Closing, ConnectionState.LastAck,
        ConnectionState.TimeWait, ConnectionState.DeleteTcb,
    };

    private bool offloadUnavailable;

    /// <inheritdoc />
    public void Read(ConnectionQuery query, List<Connection> into, WarningCollector warnings)
    {
        foreach (TransportProtocol protocol in new[] { TransportProtocol.Unix, TransportProtocol.Raw })
        {
            if (query.Wants(protocol))
            {
                throw new NotSupportedException(
                    $"-Protocol {protocol}: Windows has no table of {(protocol == TransportProtocol.Unix ? "Unix domain" : "raw")} sockets to read " +
                    "(iphlpapi lists only TCP and UDP endpoints). Ask for Tcp and Udp on Windows; Unix and raw sockets are listed on Linux.");
            }
        }

        if (query.IncludeTcpInfo)
        {
            warnings.Add("Per-connection TCP metrics (-IncludeTcpInfo) are not read on Windows: GetPerTcpConnectionEStats only reports them after SetPerTcpConnectionEStats switches collection on for each connection (administrator; a system change NetstatPS does not make). TcpInfo is empty.");
        }

        if (query.IncludeSocketMemory)
        {
            warnings.Add("Socket memory (-IncludeSocketMemory) does not exist on Windows: iphlpapi has no per-socket buffer or allocation figures (what ss -m shows on Linux). SocketMemory is empty.");
        }

        foreach (IPAddressFamily family in new[] { IPAddressFamily.IPv4, IPAddressFamily.IPv6 })
        {
            if (!query.Wants(family))
            {
                continue;
            }

            if (query.Wants(TransportProtocol.Tcp) && WantsAnyTcpState(query, out bool listeners, out bool others))
            {
                this.ReadTcp(family, query, listeners, others, into, warnings);
            }

            if (query.Wants(TransportProtocol.Udp) && query.Wants(ConnectionState.Listen))
            {
                ReadUdp(family, into, warnings);
            }
        }
    }

    private static bool WantsAnyTcpState(ConnectionQuery query, out bool listeners, out bool others)
    {
        listeners = query.Wants(ConnectionState.Listen);
        others = false;
        foreach (ConnectionState s in TcpStates)
        {
            others |= s != ConnectionState.Listen && query.Wants(s);
        }

        return listeners || others;
    }

    private static uint Af(IPAddressFamily family) => family == IPAddressFamily.IPv4 ? IpHlpApi.AF_INET : IpHlpApi.AF_INET6;

    private static void ReadUdp(IPAddressFamily family, List<Connection> into, WarningCollector warnings)
    {
        uint af = Af(family);
        uint rc = WindowsTableBuffer.Read((b, s) => IpHlpApi.GetExtendedUdpTable(b, s, 0, af, IpHlpApi.UDP_TABLE_OWNER_MODULE, 0), out byte[] table);
        if (rc == 0)
        {
            WindowsUdpTableDecoder.DecodeOwnerModule(table, family, into);
            return;
        }

        if (rc is ErrorInvalidParameter or ErrorNotSupported)
        {
            rc = WindowsTableBuffer.Read((b, s) => IpHlpApi.GetExtendedUdpTable(b, s, 0, af, IpHlpApi.UDP_TABLE_OWNER_PID, 0), out table);
            if (rc == 0)
            {
                WindowsUdpTableDecoder.DecodeOwnerPid(table, family, into);
                return;
            }
        }

        Fail(rc, "GetExtendedUdpTable", family, warnings);
    }

    private static void Fail(uint rc, string function, IPAddressFamily family, WarningCollector warnings)
    {
        if (rc == WindowsTableBuffer.ErrorInsufficientBuffer)
        {
            warnings.Add($"{function} ({family}): the table kept growing faster than it could be read ({WindowsTableBuffer.MaxAttempts} attempts); its rows are missing from this result.");
            return;
        }

        if (rc == ErrorNotSupported)
        {
            // The stack for this family is not installed (IPv6 removed): nothing to list.
            warnings.Add($"{function} ({family}): not supported on this system; no {family} sockets are listed.");
            return;
        }

        throw new Win32Exception(unchecked((int)rc), $"{function} ({family}) failed with error {rc}.");
    }

    private void ReadTcp(IPAddressFamily family, ConnectionQuery query, bool listeners, bool others, List<Connection> into, WarningCollector warnings)
    {
        uint af = Af(family);

        // Let the stack split listeners from connections when the state filter allows it.
        int tableClass = listeners && others ? IpHlpApi.TCP_TABLE_OWNER_MODULE_ALL
            : listeners ? IpHlpApi.TCP_TABLE_OWNER_MODULE_LISTENER
            : IpHlpApi.TCP_TABLE_OWNER_MODULE_CONNECTIONS;
        Dictionary<WindowsTcpEndpointKey, uint>? offload = this.ReadOffloadStates(family);
        uint rc = WindowsTableBuffer.Read((b, s) => IpHlpApi.GetExtendedTcpTable(b, s, 0, af, tableClass, 0), out byte[] table);
        if (rc == 0)
        {
            WindowsTcpTableDecoder.DecodeOwnerModule(table, family, query, offload, into);
            return;
        }

        if (rc is ErrorInvalidParameter or ErrorNotSupported)
        {
            rc = WindowsTableBuffer.Read((b, s) => IpHlpApi.GetExtendedTcpTable(b, s, 0, af, IpHlpApi.TCP_TABLE_OWNER_PID_ALL, 0), out table);
            if (rc == 0)
            {
                WindowsTcpTableDecoder.DecodeOwnerPid(table, family, query, offload, into);
                return;
            }
        }

        Fail(rc, "GetExtendedTcpTable", family, warnings);
    }

    private Dictionary<WindowsTcpEndpointKey, uint>? ReadOffloadStates(IPAddressFamily family)
    {
        if (this.offloadUnavailable)
        {
            return null;
        }

        try
        {
            uint rc = family == IPAddressFamily.IPv4
                ? WindowsTableBuffer.Read((b, s) => IpHlpApi.GetTcpTable2(b, s, 0), out byte[] table)
                : WindowsTableBuffer.Read((b, s) => IpHlpApi.GetTcp6Table2(b, s, 0), out table);

            // OffloadState is optional: any failure leaves it null rather than failing the call.
            return rc == 0 ? WindowsTcpTableDecoder.DecodeOffloadStates(table, family) : null;
        }
        catch (EntryPointNotFoundException)
        {
            // GetTcpTable2 exists from Windows Vista on; older iphlpapi builds simply give no offload state.
            this.offloadUnavailable = true;
            return null;
        }
    }
}
