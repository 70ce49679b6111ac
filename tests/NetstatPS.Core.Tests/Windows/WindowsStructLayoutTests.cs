using System;
using System.Runtime.InteropServices;
using NetstatPS.Interop.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// The interop structs against the sizes and offsets of the SDK headers (tcpmib.h, udpmib.h, ipmib.h,
/// netioapi.h, ws2ipdef.h, tlhelp32.h) for x64. Sizes and offsets were worked out from the SDK field lists
/// with the C layout rules and cross-checked against published size tables (WireGuard's winipcfg layout
/// tests for MIB_IF_ROW2 / MIB_IPFORWARD_ROW2 / MIB_IPINTERFACE_ROW / SOCKADDR_INET / IP_ADDRESS_PREFIX).
/// </summary>
public class WindowsStructLayoutTests
{
    [Theory]
    [InlineData(typeof(MibTcpRowOwnerPid), 24)]
    [InlineData(typeof(MibTcp6RowOwnerPid), 56)]
    [InlineData(typeof(MibTcpRowOwnerModule), 160)]
    [InlineData(typeof(MibTcp6RowOwnerModule), 192)]
    [InlineData(typeof(MibUdpRowOwnerPid), 12)]
    [InlineData(typeof(MibUdp6RowOwnerPid), 28)]
    [InlineData(typeof(MibUdpRowOwnerModule), 160)]
    [InlineData(typeof(MibUdp6RowOwnerModule), 176)]
    [InlineData(typeof(MibTcpRow2), 28)]
    [InlineData(typeof(MibTcp6Row2), 60)]
    [InlineData(typeof(SockaddrInet), 28)]
    [InlineData(typeof(IpAddressPrefix), 32)]
    [InlineData(typeof(MibIpForwardRow2), 104)]
    [InlineData(typeof(MibIpInterfaceRow), 168)]
    [InlineData(typeof(MibIfRow2), 1352)]
    [InlineData(typeof(MibIpStats), 92)]
    [InlineData(typeof(MibIcmpStatsEx), 1032)]
    [InlineData(typeof(MibIcmpEx), 2064)]
    [InlineData(typeof(MibTcpStats), 60)]
    [InlineData(typeof(MibTcpStats2), 72)]
    [InlineData(typeof(MibUdpStats), 20)]
    [InlineData(typeof(MibUdpStats2), 32)]
    [InlineData(typeof(ProcessEntry32W), 568)]
    [InlineData(typeof(MibUnicastIpAddressRow), 80)]
    [InlineData(typeof(MibMulticastIpAddressRow), 48)]
    public void SizeMatchesTheSdk(Type type, int size)
    {
        Assert.Equal(size, Marshal.SizeOf(type));
        Assert.Equal(size, ManagedSize(type)); // MemoryMarshal.Read in the decoders uses the managed layout
    }

    [Theory]
    [InlineData(typeof(MibTcpRowOwnerModule), "CreateTimestamp", 24)]
    [InlineData(typeof(MibTcpRowOwnerModule), "OwningModuleInfo", 32)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "LocalScopeId", 16)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "LocalPort", 20)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "RemoteAddr", 24)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "RemoteScopeId", 40)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "RemotePort", 44)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "State", 48)]
    [InlineData(typeof(MibTcp6RowOwnerPid), "OwningPid", 52)]
    [InlineData(typeof(MibTcp6RowOwnerModule), "CreateTimestamp", 56)]
    [InlineData(typeof(MibTcp6RowOwnerModule), "OwningModuleInfo", 64)]
    [InlineData(typeof(MibUdpRowOwnerModule), "CreateTimestamp", 16)]
    [InlineData(typeof(MibUdpRowOwnerModule), "Flags", 24)]
    [InlineData(typeof(MibUdpRowOwnerModule), "OwningModuleInfo", 32)]
    [InlineData(typeof(MibUdp6RowOwnerModule), "CreateTimestamp", 32)]
    [InlineData(typeof(MibUdp6RowOwnerModule), "Flags", 40)]
    [InlineData(typeof(MibUdp6RowOwnerModule), "OwningModuleInfo", 48)]
    [InlineData(typeof(MibTcpRow2), "OffloadState", 24)]
    [InlineData(typeof(MibTcp6Row2), "OffloadState", 56)]
    [InlineData(typeof(SockaddrInet), "Port", 2)]
    [InlineData(typeof(SockaddrInet), "FlowInfoOrIPv4Address", 4)]
    [InlineData(typeof(SockaddrInet), "IPv6Address", 8)]
    [InlineData(typeof(SockaddrInet), "ScopeId", 24)]
    [InlineData(typeof(IpAddressPrefix), "PrefixLength", 28)]
    [InlineData(typeof(MibIpForwardRow2), "InterfaceIndex", 8)]
    [InlineData(typeof(MibIpForwardRow2), "DestinationPrefix", 12)]
    [InlineData(typeof(MibIpForwardRow2), "NextHop", 44)]
    [InlineData(typeof(MibIpForwardRow2), "SitePrefixLength", 72)]
    [InlineData(typeof(MibIpForwardRow2), "ValidLifetime", 76)]
    [InlineData(typeof(MibIpForwardRow2), "Metric", 84)]
    [InlineData(typeof(MibIpForwardRow2), "Protocol", 88)]
    [InlineData(typeof(MibIpForwardRow2), "Loopback", 92)]
    [InlineData(typeof(MibIpForwardRow2), "Immortal", 95)]
    [InlineData(typeof(MibIpForwardRow2), "Age", 96)]
    [InlineData(typeof(MibIpForwardRow2), "Origin", 100)]
    [InlineData(typeof(MibIpInterfaceRow), "InterfaceLuid", 8)]
    [InlineData(typeof(MibIpInterfaceRow), "InterfaceIndex", 16)]
    [InlineData(typeof(MibIpInterfaceRow), "InterfaceIdentifier", 24)]
    [InlineData(typeof(MibIpInterfaceRow), "RouterDiscoveryBehavior", 52)]
    [InlineData(typeof(MibIpInterfaceRow), "ZoneIndices", 80)]
    [InlineData(typeof(MibIpInterfaceRow), "Metric", 148)]
    [InlineData(typeof(MibIpInterfaceRow), "ReachableTime", 160)]
    [InlineData(typeof(MibIpInterfaceRow), "DisableDefaultRoutes", 166)]
    [InlineData(typeof(MibIfRow2), "InterfaceIndex", 8)]
    [InlineData(typeof(MibIfRow2), "InterfaceGuid", 12)]
    [InlineData(typeof(MibIfRow2), "Alias", 28)]
    [InlineData(typeof(MibIfRow2), "Description", 542)]
    [InlineData(typeof(MibIfRow2), "PhysicalAddressLength", 1056)]
    [InlineData(typeof(MibIfRow2), "PhysicalAddress", 1060)]
    [InlineData(typeof(MibIfRow2), "PermanentPhysicalAddress", 1092)]
    [InlineData(typeof(MibIfRow2), "Mtu", 1124)]
    [InlineData(typeof(MibIfRow2), "Type", 1128)]
    [InlineData(typeof(MibIfRow2), "InterfaceAndOperStatusFlags", 1152)]
    [InlineData(typeof(MibIfRow2), "OperStatus", 1156)]
    [InlineData(typeof(MibIfRow2), "AdminStatus", 1160)]
    [InlineData(typeof(MibIfRow2), "MediaConnectState", 1164)]
    [InlineData(typeof(MibIfRow2), "NetworkGuid", 1168)]
    [InlineData(typeof(MibIfRow2), "ConnectionType", 1184)]
    [InlineData(typeof(MibIfRow2), "TransmitLinkSpeed", 1192)]
    [InlineData(typeof(MibIfRow2), "ReceiveLinkSpeed", 1200)]
    [InlineData(typeof(MibIfRow2), "InOctets", 1208)]
    [InlineData(typeof(MibIfRow2), "InUnknownProtos", 1248)]
    [InlineData(typeof(MibIfRow2), "OutOctets", 1280)]
    [InlineData(typeof(MibIfRow2), "OutQLen", 1344)]
    [InlineData(typeof(MibIpStats), "NumRoutes", 88)]
    [InlineData(typeof(MibIcmpStatsEx), "TypeCount", 8)]
    [InlineData(typeof(MibIcmpEx), "OutStats", 1032)]
    [InlineData(typeof(MibTcpStats2), "InSegs", 40)]
    [InlineData(typeof(MibTcpStats2), "OutSegs", 48)]
    [InlineData(typeof(MibTcpStats2), "RetransSegs", 56)]
    [InlineData(typeof(MibTcpStats2), "NumConns", 68)]
    [InlineData(typeof(MibUdpStats2), "NoPorts", 8)]
    [InlineData(typeof(MibUdpStats2), "OutDatagrams", 16)]
    [InlineData(typeof(MibUdpStats2), "NumAddrs", 24)]
    [InlineData(typeof(MibUnicastIpAddressRow), "InterfaceLuid", 32)]
    [InlineData(typeof(MibUnicastIpAddressRow), "InterfaceIndex", 40)]
    [InlineData(typeof(MibUnicastIpAddressRow), "PrefixOrigin", 44)]
    [InlineData(typeof(MibUnicastIpAddressRow), "OnLinkPrefixLength", 60)]
    [InlineData(typeof(MibUnicastIpAddressRow), "SkipAsSource", 61)]
    [InlineData(typeof(MibUnicastIpAddressRow), "DadState", 64)]
    [InlineData(typeof(MibUnicastIpAddressRow), "ScopeId", 68)]
    [InlineData(typeof(MibUnicastIpAddressRow), "CreationTimeStamp", 72)]
    [InlineData(typeof(MibMulticastIpAddressRow), "InterfaceIndex", 28)]
    [InlineData(typeof(MibMulticastIpAddressRow), "InterfaceLuid", 32)]
    [InlineData(typeof(MibMulticastIpAddressRow), "ScopeId", 40)]
    [InlineData(typeof(ProcessEntry32W), "DefaultHeapId", 16)]
    [InlineData(typeof(ProcessEntry32W), "ExeFile", 44)]
    public void OffsetMatchesTheSdk(Type type, string field, int offset) =>
        Assert.Equal(offset, Marshal.OffsetOf(type, field).ToInt32());

    [Fact]
    public void SockaddrInetIsFourByteAligned()
    {
        // A struct { byte; SOCKADDR_INET; } puts SOCKADDR_INET at its alignment.
        Assert.Equal(4, Marshal.OffsetOf<AlignmentProbe>(nameof(AlignmentProbe.Address)).ToInt32());
        Assert.Equal(4 + 28, Marshal.SizeOf<AlignmentProbe>());
    }

    [Fact]
    public void TableHeadersPadToTheRowAlignment()
    {
        // Rows with 64-bit members (LARGE_INTEGER, NET_LUID) start at 8; DWORD-only rows at 4.
        Assert.Equal(8, Marshal.OffsetOf<ModuleTableProbe>(nameof(ModuleTableProbe.Row)).ToInt32());
        Assert.Equal(8, Decoders.Windows.WindowsTcpTableDecoder.ModuleRowsOffset);
        Assert.Equal(8, Decoders.Windows.WindowsUdpTableDecoder.ModuleRowsOffset);
        Assert.Equal(8, Decoders.Windows.WindowsRouteDecoder.RowsOffset);
        Assert.Equal(8, Decoders.Windows.WindowsInterfaceDecoder.RowsOffset);
        Assert.Equal(4, Decoders.Windows.WindowsTcpTableDecoder.PidRowsOffset);
        Assert.Equal(4, Decoders.Windows.WindowsUdpTableDecoder.PidRowsOffset);
    }

    private static unsafe int ManagedSize(Type type) =>
        (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(type).Invoke(null, null)!;

    [StructLayout(LayoutKind.Sequential)]
    private struct AlignmentProbe
    {
        public byte Before;
        public SockaddrInet Address;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ModuleTableProbe
    {
        public uint NumEntries;
        public MibTcpRowOwnerModule Row;
    }
}
