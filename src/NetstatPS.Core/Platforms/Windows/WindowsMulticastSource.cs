using System;
using System.Collections.Generic;
using System.ComponentModel;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Multicast memberships from GetMulticastIpAddressTable (IPv4 and IPv6 in one call), interface names
/// from GetIfTable2. An iphlpapi.dll without the call (before Vista, or Wine 8, which does not export it)
/// gives no memberships and one warning naming the missing call, never an exception.
/// </summary>
internal sealed unsafe class WindowsMulticastSource : IMulticastSource
{
    /// <summary>The warning when iphlpapi.dll lacks GetMulticastIpAddressTable.</summary>
    internal const string MissingCall =
        "Multicast memberships come from GetMulticastIpAddressTable, which this iphlpapi.dll does not have (Windows Vista and later have it): no memberships are listed.";

    /// <inheritdoc />
    public void Read(List<MulticastMembership> into, WarningCollector warnings)
    {
        byte[] table;
        try
        {
            table = WindowsMibTable.Read(t => IpHlpApi.GetMulticastIpAddressTable((ushort)IpHlpApi.AF_UNSPEC, t), WindowsMulticastDecoder.RowsOffset, sizeof(MibMulticastIpAddressRow), "GetMulticastIpAddressTable");
        }
        catch (EntryPointNotFoundException)
        {
            warnings.Add(MissingCall);
            return;
        }

        var interfaces = new List<InterfaceStatistic>();
        WindowsInterfaceDecoder.Decode(WindowsInterfaceStatisticSource.ReadTable(), interfaces);
        var names = new Dictionary<int, string>();
        foreach (InterfaceStatistic i in interfaces)
        {
            names[i.Index] = i.Name;
        }

        var rows = new List<MulticastMembership>();
        WindowsMulticastDecoder.Decode(table, names, rows);

        // By interface, IPv4 before IPv6, the table's order within (a stable sort).
        var ordered = new List<MulticastMembership>(rows.Count);
        var keys = new List<(int Index, int Family, int Order)>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            keys.Add((rows[i].InterfaceIndex, rows[i].AddressFamily == IPAddressFamily.IPv4 ? 0 : 1, i));
        }

        keys.Sort();
        foreach (var k in keys)
        {
            ordered.Add(rows[k.Order]);
        }

        into.AddRange(ordered);
    }
}
