using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes the tables GetExtendedUdpTable fills: MIB_UDPTABLE_OWNER_PID / MIB_UDP6TABLE_OWNER_PID
/// (dwNumEntries, then 12- or 28-byte rows) and MIB_UDPTABLE_OWNER_MODULE / MIB_UDP6TABLE_OWNER_MODULE
/// (dwNumEntries, 4 bytes of padding, then 160- or 176-byte rows).
/// </summary>
/// <remarks>
/// The Windows UDP table lists local endpoints only, connected or not: every row is reported as
/// <see cref="ConnectionState.Listen"/> (an endpoint that receives, ss's UNCONN) with the unspecified
/// remote address and port 0, which is also what netstat -a prints (<c>*:*</c>).
/// </remarks>
internal static unsafe class WindowsUdpTableDecoder
{
    /// <summary>Where rows start in the OWNER_PID tables.</summary>
    public const int PidRowsOffset = 4;

    /// <summary>Where rows start in the OWNER_MODULE tables (8-aligned rows).</summary>
    public const int ModuleRowsOffset = 8;

    /// <summary>Decodes a MIB_UDPTABLE_OWNER_PID (IPv4) or MIB_UDP6TABLE_OWNER_PID (IPv6).</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="family">Which of the two it is.</param>
    /// <param name="into">Where rows go.</param>
    public static void DecodeOwnerPid(ReadOnlySpan<byte> table, IPAddressFamily family, List<Connection> into)
    {
        if (family == IPAddressFamily.IPv4)
        {
            var cache = new Dictionary<uint, IPAddress>();
            int n = WindowsRowReader.CountRows(table, PidRowsOffset, sizeof(MibUdpRowOwnerPid), "MIB_UDPTABLE_OWNER_PID");
            for (int i = 0; i < n; i++)
            {
                MibUdpRowOwnerPid r = WindowsRowReader.Row<MibUdpRowOwnerPid>(table, PidRowsOffset, i);
                into.Add(Create(IPAddressFamily.IPv4, WindowsRowReader.IPv4(r.LocalAddr, cache), r.LocalPort, r.OwningPid, null));
            }
        }
        else
        {
            int n = WindowsRowReader.CountRows(table, PidRowsOffset, sizeof(MibUdp6RowOwnerPid), "MIB_UDP6TABLE_OWNER_PID");
            for (int i = 0; i < n; i++)
            {
                MibUdp6RowOwnerPid r = WindowsRowReader.Row<MibUdp6RowOwnerPid>(table, PidRowsOffset, i);
                into.Add(Create(IPAddressFamily.IPv6, WindowsRowReader.IPv6(r.LocalAddr, r.LocalScopeId), r.LocalPort, r.OwningPid, null));
            }
        }
    }

    /// <summary>Decodes a MIB_UDPTABLE_OWNER_MODULE (IPv4) or MIB_UDP6TABLE_OWNER_MODULE (IPv6): the PID rows plus CreationTime.</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="family">Which of the two it is.</param>
    /// <param name="into">Where rows go.</param>
    public static void DecodeOwnerModule(ReadOnlySpan<byte> table, IPAddressFamily family, List<Connection> into)
    {
        if (family == IPAddressFamily.IPv4)
        {
            var cache = new Dictionary<uint, IPAddress>();
            int n = WindowsRowReader.CountRows(table, ModuleRowsOffset, sizeof(MibUdpRowOwnerModule), "MIB_UDPTABLE_OWNER_MODULE");
            for (int i = 0; i < n; i++)
            {
                MibUdpRowOwnerModule r = WindowsRowReader.Row<MibUdpRowOwnerModule>(table, ModuleRowsOffset, i);
                into.Add(Create(IPAddressFamily.IPv4, WindowsRowReader.IPv4(r.LocalAddr, cache), r.LocalPort, r.OwningPid, WindowsRowReader.FileTime(r.CreateTimestamp)));
            }
        }
        else
        {
            int n = WindowsRowReader.CountRows(table, ModuleRowsOffset, sizeof(MibUdp6RowOwnerModule), "MIB_UDP6TABLE_OWNER_MODULE");
            for (int i = 0; i < n; i++)
            {
                MibUdp6RowOwnerModule r = WindowsRowReader.Row<MibUdp6RowOwnerModule>(table, ModuleRowsOffset, i);
                into.Add(Create(IPAddressFamily.IPv6, WindowsRowReader.IPv6(r.LocalAddr, r.LocalScopeId), r.LocalPort, r.OwningPid, WindowsRowReader.FileTime(r.CreateTimestamp)));
            }
        }
    }

    private static Connection Create(IPAddressFamily family, IPAddress local, uint localPort, uint pid, DateTime? created)
    {
        var c = new Connection
        {
            Protocol = TransportProtocol.Udp,
            AddressFamily = family,
            LocalPort = WindowsRowReader.Port(localPort),
            RemotePort = 0,
            State = ConnectionState.Listen,
            TableProcessId = unchecked((int)pid),
            CreationTime = created,
            InterfaceIndex = WindowsRowReader.ScopeInterface(local),
            Source = WindowsSources.IpHlpApi,
        };
        c.SetLocalIPAddress(local);
        c.SetRemoteIPAddress(family == IPAddressFamily.IPv4 ? IPAddress.Any : IPAddress.IPv6Any);
        return c;
    }
}
