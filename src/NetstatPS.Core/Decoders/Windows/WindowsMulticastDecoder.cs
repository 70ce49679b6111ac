using System;
using System.Collections.Generic;
using System.Net;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes a MIB_MULTICASTIPADDRESS_TABLE (GetMulticastIpAddressTable): ULONG NumEntries, 4 bytes of
/// padding, then 48-byte MIB_MULTICASTIPADDRESS_ROW rows. Windows keeps no join count, report timer or
/// reporter flag in the table, so those stay null. Pure.
/// </summary>
internal static unsafe class WindowsMulticastDecoder
{
    /// <summary>Where rows start.</summary>
    public const int RowsOffset = 8;

    /// <summary>The Source of rows from this decoder.</summary>
    public const string SourceName = "IpHlpApi";

    /// <summary>Decodes the table, naming interfaces from <paramref name="names"/> (index → alias).</summary>
    /// <param name="table">The table buffer.</param>
    /// <param name="names">Interface names by index; an index missing there keeps an empty name.</param>
    /// <param name="into">Where memberships go, in table order.</param>
    public static void Decode(ReadOnlySpan<byte> table, IReadOnlyDictionary<int, string> names, List<MulticastMembership> into)
    {
        int n = WindowsRowReader.CountRows(table, RowsOffset, sizeof(MibMulticastIpAddressRow), "MIB_MULTICASTIPADDRESS_TABLE");
        for (int i = 0; i < n; i++)
        {
            MibMulticastIpAddressRow r = WindowsRowReader.Row<MibMulticastIpAddressRow>(table, RowsOffset, i);
            (IPAddressFamily family, IPAddress address) = r.Address.Family switch
            {
                2 => (IPAddressFamily.IPv4, new IPAddress(r.Address.FlowInfoOrIPv4Address)),
                23 => (IPAddressFamily.IPv6, WindowsRowReader.IPv6(r.Address.IPv6Address, 0)),
                ushort other => throw new NetstatDecodeException($"MIB_MULTICASTIPADDRESS_ROW {i}: family {other} is neither AF_INET nor AF_INET6."),
            };
            int index = unchecked((int)r.InterfaceIndex);
            into.Add(new MulticastMembership
            {
                InterfaceName = names.TryGetValue(index, out string? name) ? name : string.Empty,
                InterfaceIndex = index,
                AddressFamily = family,
                Address = address.ToString(),
                Source = SourceName,
            });
        }
    }
}
