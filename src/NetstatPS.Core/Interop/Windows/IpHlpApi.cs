using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>
/// The iphlpapi.dll calls NetstatPS makes. Blittable signatures only (pointers, int/uint, no bool) so
/// nothing is marshalled and the same declarations work on .NET Framework 4.7.2 and .NET 8+.
/// Return values are Win32 error codes (NO_ERROR = 0).
/// </summary>
internal static unsafe class IpHlpApi
{
    /// <summary>AF_UNSPEC.</summary>
    public const uint AF_UNSPEC = 0;

    /// <summary>AF_INET.</summary>
    public const uint AF_INET = 2;

    /// <summary>AF_INET6.</summary>
    public const uint AF_INET6 = 23;

    /// <summary>TCP_TABLE_OWNER_PID_ALL (TCP_TABLE_CLASS).</summary>
    public const int TCP_TABLE_OWNER_PID_ALL = 5;

    /// <summary>TCP_TABLE_OWNER_MODULE_LISTENER: listening sockets only, filtered by the stack.</summary>
    public const int TCP_TABLE_OWNER_MODULE_LISTENER = 6;

    /// <summary>TCP_TABLE_OWNER_MODULE_CONNECTIONS: everything but listeners, filtered by the stack.</summary>
    public const int TCP_TABLE_OWNER_MODULE_CONNECTIONS = 7;

    /// <summary>TCP_TABLE_OWNER_MODULE_ALL.</summary>
    public const int TCP_TABLE_OWNER_MODULE_ALL = 8;

    /// <summary>UDP_TABLE_OWNER_PID (UDP_TABLE_CLASS).</summary>
    public const int UDP_TABLE_OWNER_PID = 1;

    /// <summary>UDP_TABLE_OWNER_MODULE.</summary>
    public const int UDP_TABLE_OWNER_MODULE = 2;

    private const string Library = "iphlpapi.dll";

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetExtendedTcpTable(void* pTcpTable, uint* pdwSize, int bOrder, uint ulAf, int tableClass, uint reserved);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetExtendedUdpTable(void* pUdpTable, uint* pdwSize, int bOrder, uint ulAf, int tableClass, uint reserved);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetTcpTable2(void* tcpTable, uint* sizePointer, int order);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetTcp6Table2(void* tcpTable, uint* sizePointer, int order);

    /// <summary>Allocates a MIB_IPFORWARD_TABLE2; free it with <see cref="FreeMibTable"/>.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetIpForwardTable2(ushort family, IntPtr* table);

    /// <summary>Allocates a MIB_IF_TABLE2; free it with <see cref="FreeMibTable"/>.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetIfTable2(IntPtr* table);

    /// <summary>Allocates a MIB_MULTICASTIPADDRESS_TABLE (Vista and later); free it with <see cref="FreeMibTable"/>.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetMulticastIpAddressTable(ushort family, IntPtr* table);

    /// <summary>Allocates a MIB_UNICASTIPADDRESS_TABLE; free it with <see cref="FreeMibTable"/>.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetUnicastIpAddressTable(ushort family, IntPtr* table);

    [DllImport(Library, ExactSpelling = true)]
    public static extern void FreeMibTable(IntPtr memory);

    /// <summary>
    /// The route the stack would use for <paramref name="destinationAddress"/> (Vista and later): the
    /// interface by LUID or index (both optional: null / 0), the source optional; fills the route row and
    /// the source address the stack would pick. AddressSortOptions is unused (0).
    /// </summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetBestRoute2(ulong* interfaceLuid, uint interfaceIndex, SockaddrInet* sourceAddress, SockaddrInet* destinationAddress, uint addressSortOptions, MibIpForwardRow2* bestRoute, SockaddrInet* bestSourceAddress);

    /// <summary>Fills a MIB_IPINTERFACE_ROW whose Family and InterfaceLuid (or InterfaceIndex) are set.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetIpInterfaceEntry(MibIpInterfaceRow* row);

    /// <summary>With State = MIB_TCP_STATE_DELETE_TCB, aborts the IPv4 connection the row names (administrator only).</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint SetTcpEntry(MibTcpRow* row);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetIpStatisticsEx(MibIpStats* statistics, uint family);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetIcmpStatisticsEx(MibIcmpEx* statistics, uint family);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetTcpStatisticsEx(MibTcpStats* statistics, uint family);

    /// <summary>Windows 10 1703 and later only: older systems (and Wine 8) throw EntryPointNotFoundException.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetTcpStatisticsEx2(MibTcpStats2* statistics, uint family);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetUdpStatisticsEx(MibUdpStats* statistics, uint family);

    /// <summary>Windows 10 1703 and later only.</summary>
    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetUdpStatisticsEx2(MibUdpStats2* statistics, uint family);
}
