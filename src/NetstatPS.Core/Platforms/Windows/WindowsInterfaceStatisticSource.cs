using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>Interfaces and their 64-bit counters from GetIfTable2 (netstat -e and -i in one object per interface).</summary>
internal sealed unsafe class WindowsInterfaceStatisticSource : IInterfaceStatisticSource
{
    /// <inheritdoc />
    public void Read(List<InterfaceStatistic> into, WarningCollector warnings)
    {
        var rows = new List<InterfaceStatistic>();
        WindowsInterfaceDecoder.Decode(ReadTable(), rows);
        rows.Sort((a, b) => a.Index.CompareTo(b.Index));
        into.AddRange(rows);
    }

    /// <summary>The MIB_IF_TABLE2 bytes.</summary>
    /// <returns>The table.</returns>
    internal static byte[] ReadTable() =>
        WindowsMibTable.Read(t => IpHlpApi.GetIfTable2(t), WindowsInterfaceDecoder.RowsOffset, sizeof(MibIfRow2), "GetIfTable2");
}
