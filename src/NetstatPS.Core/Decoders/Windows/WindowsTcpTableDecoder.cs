using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Abstractions;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes the tables GetExtendedTcpTable fills: MIB_TCPTABLE_OWNER_PID / MIB_TCP6TABLE_OWNER_PID
/// (DWORD dwNumEntries, then 24- or 56-byte rows) and MIB_TCPTABLE_OWNER_MODULE /
/// MIB_TCP6TABLE_OWNER_MODULE (dwNumEntries, 4 bytes of padding, then 160- or 192-byte rows), plus the
/// GetTcpTable2 / GetTcp6Table2 tables for the offload state.
/// </summary>
/// <remarks>
/// Example (MIB_TCPTABLE_OWNER_PID, one row): <c>01 00 00 00 | 02 00 00 00 | 7F 00 00 01 | 1F 90 00 00 |
/// 00 00 00 00 | 00 00 00 00 | 34 12 00 00</c> is TCP 127.0.0.1:8080 Listen, TableProcessId 4660.
/// Ports lie in network byte order in the low 16 bits of a DWORD. Listeners carry no remote end: the
/// stack leaves whatever was in dwRemotePort, so a listener's RemotePort is always 0 here, as netstat shows.
/// </remarks>
internal static unsafe class WindowsTcpTableDecoder
{
    /// <summary>Where rows start in the OWNER_PID tables (after dwNumEntries).</summary>
    public const int PidRowsOffset = 4;

    /// <summary>Where rows start in the OWNER_MODULE tables: the rows hold a LARGE_INTEGER, so they are 8-aligned.</summary>
    public const int ModuleRowsOffset = 8;

    /// <summary>Where rows start in MIB_TCPTABLE2 / MIB_TCP6TABLE2.</summary>
    public const int Table2RowsOffset = 4;

    /// <summary>Decodes a MIB_TCPTABLE_OWNER_PID (IPv4) or MIB_TCP6TABLE_OWNER_PID (IPv6).</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="family">Which of the two it is.</param>
    /// <param name="query">Rows in states the query does not want are skipped.</param>
    /// <param name="offload">Offload states by four-tuple (from <see cref="DecodeOffloadStates"/>), or null.</param>
    /// <param name="into">Where rows go.</param>
    public static void DecodeOwnerPid(ReadOnlySpan<byte> table, IPAddressFamily family, ConnectionQuery query, IReadOnlyDictionary<WindowsTcpEndpointKey, uint>? offload, List<Connection> into)
    {
        var v4 = new Dictionary<uint, IPAddress>();
        if (family == IPAddressFamily.IPv4)
        {
            int n = WindowsRowReader.CountRows(table, PidRowsOffset, sizeof(MibTcpRowOwnerPid), "MIB_TCPTABLE_OWNER_PID");
            for (int i = 0; i < n; i++)
            {
                MibTcpRowOwnerPid r = WindowsRowReader.Row<MibTcpRowOwnerPid>(table, PidRowsOffset, i);
                AddV4(r.State, r.LocalAddr, r.LocalPort, r.RemoteAddr, r.RemotePort, r.OwningPid, null, query, offload, v4, into, "MIB_TCPTABLE_OWNER_PID");
            }
        }
        else
        {
            int n = WindowsRowReader.CountRows(table, PidRowsOffset, sizeof(MibTcp6RowOwnerPid), "MIB_TCP6TABLE_OWNER_PID");
            for (int i = 0; i < n; i++)
            {
                MibTcp6RowOwnerPid r = WindowsRowReader.Row<MibTcp6RowOwnerPid>(table, PidRowsOffset, i);
                AddV6(r.State, r.LocalAddr, r.LocalScopeId, r.LocalPort, r.RemoteAddr, r.RemoteScopeId, r.RemotePort, r.OwningPid, null, query, offload, into, "MIB_TCP6TABLE_OWNER_PID");
            }
        }
    }

    /// <summary>Decodes a MIB_TCPTABLE_OWNER_MODULE (IPv4) or MIB_TCP6TABLE_OWNER_MODULE (IPv6): the PID rows plus CreationTime.</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="family">Which of the two it is.</param>
    /// <param name="query">Rows in states the query does not want are skipped.</param>
    /// <param name="offload">Offload states by four-tuple, or null.</param>
    /// <param name="into">Where rows go.</param>
    public static void DecodeOwnerModule(ReadOnlySpan<byte> table, IPAddressFamily family, ConnectionQuery query, IReadOnlyDictionary<WindowsTcpEndpointKey, uint>? offload, List<Connection> into)
    {
        var v4 = new Dictionary<uint, IPAddress>();
        if (family == IPAddressFamily.IPv4)
        {
            int n = WindowsRowReader.CountRows(table, ModuleRowsOffset, sizeof(MibTcpRowOwnerModule), "MIB_TCPTABLE_OWNER_MODULE");
            for (int i = 0; i < n; i++)
            {
                MibTcpRowOwnerModule r = WindowsRowReader.Row<MibTcpRowOwnerModule>(table, ModuleRowsOffset, i);
                AddV4(r.State, r.LocalAddr, r.LocalPort, r.RemoteAddr, r.RemotePort, r.OwningPid, WindowsRowReader.FileTime(r.CreateTimestamp), query, offload, v4, into, "MIB_TCPTABLE_OWNER_MODULE");
            }
        }
        else
        {
            int n = WindowsRowReader.CountRows(table, ModuleRowsOffset, sizeof(MibTcp6RowOwnerModule), "MIB_TCP6TABLE_OWNER_MODULE");
            for (int i = 0; i < n; i++)
            {
                MibTcp6RowOwnerModule r = WindowsRowReader.Row<MibTcp6RowOwnerModule>(table, ModuleRowsOffset, i);
                AddV6(r.State, r.LocalAddr, r.LocalScopeId, r.LocalPort, r.RemoteAddr, r.RemoteScopeId, r.RemotePort, r.OwningPid, WindowsRowReader.FileTime(r.CreateTimestamp), query, offload, into, "MIB_TCP6TABLE_OWNER_MODULE");
            }
        }
    }

    /// <summary>
    /// Decodes a MIB_TCPTABLE2 (IPv4) or MIB_TCP6TABLE2 (IPv6) into dwOffloadState by four-tuple; the
    /// extended tables do not carry it.
    /// </summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="family">Which of the two it is.</param>
    /// <returns>TCP_CONNECTION_OFFLOAD_STATE by four-tuple.</returns>
    public static Dictionary<WindowsTcpEndpointKey, uint> DecodeOffloadStates(ReadOnlySpan<byte> table, IPAddressFamily family)
    {
        var result = new Dictionary<WindowsTcpEndpointKey, uint>();
        if (family == IPAddressFamily.IPv4)
        {
            int n = WindowsRowReader.CountRows(table, Table2RowsOffset, sizeof(MibTcpRow2), "MIB_TCPTABLE2");
            for (int i = 0; i < n; i++)
            {
                MibTcpRow2 r = WindowsRowReader.Row<MibTcpRow2>(table, Table2RowsOffset, i);
                result[KeyV4(r.LocalAddr, r.LocalPort, r.RemoteAddr, r.RemotePort)] = r.OffloadState;
            }
        }
        else
        {
            int n = WindowsRowReader.CountRows(table, Table2RowsOffset, sizeof(MibTcp6Row2), "MIB_TCP6TABLE2");
            for (int i = 0; i < n; i++)
            {
                MibTcp6Row2 r = WindowsRowReader.Row<MibTcp6Row2>(table, Table2RowsOffset, i);
                result[KeyV6(r.LocalAddr, r.LocalPort, r.RemoteAddr, r.RemotePort)] = r.OffloadState;
            }
        }

        return result;
    }

    /// <summary>TCP_CONNECTION_OFFLOAD_STATE's names without the prefix (InHost, Offloading, Offloaded, Uploading); null for other values.</summary>
    /// <param name="state">The dwOffloadState value.</param>
    /// <returns>The name, or null.</returns>
    public static string? OffloadStateName(uint state) => state switch
    {
        0 => "InHost",
        1 => "Offloading",
        2 => "Offloaded",
        3 => "Uploading",
        _ => null,
    };

    private static WindowsTcpEndpointKey KeyV4(uint localAddr, uint localPort, uint remoteAddr, uint remotePort) =>
        new(0, localAddr, 0, remoteAddr, ((uint)WindowsRowReader.Port(localPort) << 16) | (uint)WindowsRowReader.Port(remotePort));

    private static WindowsTcpEndpointKey KeyV6(byte* localAddr, uint localPort, byte* remoteAddr, uint remotePort) =>
        new(*(ulong*)localAddr, *(ulong*)(localAddr + 8), *(ulong*)remoteAddr, *(ulong*)(remoteAddr + 8), ((uint)WindowsRowReader.Port(localPort) << 16) | (uint)WindowsRowReader.Port(remotePort));

    private static void AddV4(
        uint state, uint localAddr, uint localPort, uint remoteAddr, uint remotePort, uint pid, DateTime? created,
        ConnectionQuery query, IReadOnlyDictionary<WindowsTcpEndpointKey, uint>? offload, Dictionary<uint, IPAddress> cache, List<Connection> into, string tableName)
    {
        ConnectionState s = WindowsRowReader.TcpState(state, tableName);
        if (!query.Wants(s))
        {
            return;
        }

        bool listening = s == ConnectionState.Listen;
        var c = new Connection
        {
            Protocol = TransportProtocol.Tcp,
            AddressFamily = IPAddressFamily.IPv4,
            LocalPort = WindowsRowReader.Port(localPort),
            RemotePort = listening ? 0 : WindowsRowReader.Port(remotePort),
            State = s,
            TableProcessId = unchecked((int)pid),
            CreationTime = created,
            Source = WindowsSources.IpHlpApi,
        };
        c.SetLocalIPAddress(WindowsRowReader.IPv4(localAddr, cache));
        c.SetRemoteIPAddress(listening ? IPAddress.Any : WindowsRowReader.IPv4(remoteAddr, cache));
        if (offload is not null && offload.TryGetValue(KeyV4(localAddr, localPort, remoteAddr, remotePort), out uint o))
        {
            c.OffloadState = OffloadStateName(o);
        }

        into.Add(c);
    }

    private static void AddV6(
        uint state, byte* localAddr, uint localScope, uint localPort, byte* remoteAddr, uint remoteScope, uint remotePort, uint pid, DateTime? created,
        ConnectionQuery query, IReadOnlyDictionary<WindowsTcpEndpointKey, uint>? offload, List<Connection> into, string tableName)
    {
        ConnectionState s = WindowsRowReader.TcpState(state, tableName);
        if (!query.Wants(s))
        {
            return;
        }

        bool listening = s == ConnectionState.Listen;
        IPAddress local = WindowsRowReader.IPv6(localAddr, localScope);
        var c = new Connection
        {
            Protocol = TransportProtocol.Tcp,
            AddressFamily = IPAddressFamily.IPv6,
            LocalPort = WindowsRowReader.Port(localPort),
            RemotePort = listening ? 0 : WindowsRowReader.Port(remotePort),
            State = s,
            TableProcessId = unchecked((int)pid),
            CreationTime = created,
            InterfaceIndex = WindowsRowReader.ScopeInterface(local),
            Source = WindowsSources.IpHlpApi,
        };
        c.SetLocalIPAddress(local);
        c.SetRemoteIPAddress(listening ? IPAddress.IPv6Any : WindowsRowReader.IPv6(remoteAddr, remoteScope));
        if (offload is not null && offload.TryGetValue(KeyV6(localAddr, localPort, remoteAddr, remotePort), out uint o))
        {
            c.OffloadState = OffloadStateName(o);
        }

        into.Add(c);
    }
}
