using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetstatPS.TestHost;

/// <summary>
/// Captures the raw iphlpapi buffers the Windows provider decodes, one .bin file per table, into DIR, so
/// that buffers produced by a real iphlpapi (Wine's, on the machines we have) can be committed as
/// decoder fixtures. Declares its own imports: the Core's interop is internal.
/// Usage: nsps-testhost windows-tables DIR.
/// </summary>
internal sealed unsafe class WindowsTablesCommand : ITestHostCommand
{
    private const string IpHlpApi = "iphlpapi.dll";

    private delegate uint FillCall(byte* buffer, uint* size);

    public string Name => "windows-tables";

    public int Run(string[] args)
    {
        string dir = args[0];
        Directory.CreateDirectory(dir);
        foreach ((string name, uint af, int cls) in new[] { ("tcp4-owner-module", 2u, 8), ("tcp6-owner-module", 23u, 8), ("tcp4-owner-pid", 2u, 5), ("tcp6-owner-pid", 23u, 5) })
        {
            Save(dir, name, Fill((b, s) => GetExtendedTcpTable(b, s, 0, af, cls, 0)));
        }

        foreach ((string name, uint af, int cls) in new[] { ("udp4-owner-module", 2u, 2), ("udp6-owner-module", 23u, 2), ("udp4-owner-pid", 2u, 1), ("udp6-owner-pid", 23u, 1) })
        {
            Save(dir, name, Fill((b, s) => GetExtendedUdpTable(b, s, 0, af, cls, 0)));
        }

        Save(dir, "tcp4-table2", Fill((b, s) => GetTcpTable2(b, s, 0)));
        Save(dir, "tcp6-table2", Fill((b, s) => GetTcp6Table2(b, s, 0)));

        IntPtr t;
        if (GetIfTable2(&t) == 0)
        {
            Save(dir, "if-table2", Copy(t, 8, 1352));
        }

        if (GetIpForwardTable2(0, &t) == 0)
        {
            Save(dir, "ipforward-table2", Copy(t, 8, 104));
        }

        if (GetUnicastIpAddressTable(0, &t) == 0)
        {
            Save(dir, "unicast-table", Copy(t, 8, 80));
        }

        foreach ((string family, uint af) in new[] { ("4", 2u), ("6", 23u) })
        {
            byte[] ip = new byte[92];
            byte[] icmp = new byte[2064];
            byte[] tcp = new byte[60];
            byte[] udp = new byte[20];
            fixed (byte* p = ip)
            {
                Check(GetIpStatisticsEx(p, af));
            }

            fixed (byte* p = icmp)
            {
                Check(GetIcmpStatisticsEx(p, af));
            }

            fixed (byte* p = tcp)
            {
                Check(GetTcpStatisticsEx(p, af));
            }

            fixed (byte* p = udp)
            {
                Check(GetUdpStatisticsEx(p, af));
            }

            Save(dir, "ipstats" + family, ip);
            Save(dir, "icmpex" + family, icmp);
            Save(dir, "tcpstats" + family, tcp);
            Save(dir, "udpstats" + family, udp);
        }

        return 0;
    }

    private static void Check(uint rc)
    {
        if (rc != 0)
        {
            throw new InvalidOperationException("iphlpapi error " + rc);
        }
    }

    private static byte[] Fill(FillCall call)
    {
        uint size = 0;
        uint rc = call(null, &size);
        for (int i = 0; i < 5 && rc == 122; i++)
        {
            byte[] buffer = new byte[size + 4096];
            size = (uint)buffer.Length;
            fixed (byte* p = buffer)
            {
                rc = call(p, &size);
            }

            if (rc == 0)
            {
                return buffer;
            }
        }

        throw new InvalidOperationException("table read failed: " + rc);
    }

    private static byte[] Copy(IntPtr table, int rowsOffset, int rowSize)
    {
        try
        {
            int n = *(int*)table;
            return new ReadOnlySpan<byte>((void*)table, rowsOffset + (n * rowSize)).ToArray();
        }
        finally
        {
            FreeMibTable(table);
        }
    }

    private static void Save(string dir, string name, byte[] data) => File.WriteAllBytes(Path.Combine(dir, name + ".bin"), data);

    [DllImport(IpHlpApi)]
    private static extern uint GetExtendedTcpTable(void* table, uint* size, int order, uint af, int tableClass, uint reserved);

    [DllImport(IpHlpApi)]
    private static extern uint GetExtendedUdpTable(void* table, uint* size, int order, uint af, int tableClass, uint reserved);

    [DllImport(IpHlpApi)]
    private static extern uint GetTcpTable2(void* table, uint* size, int order);

    [DllImport(IpHlpApi)]
    private static extern uint GetTcp6Table2(void* table, uint* size, int order);

    [DllImport(IpHlpApi)]
    private static extern uint GetIfTable2(IntPtr* table);

    [DllImport(IpHlpApi)]
    private static extern uint GetIpForwardTable2(ushort family, IntPtr* table);

    [DllImport(IpHlpApi)]
    private static extern uint GetUnicastIpAddressTable(ushort family, IntPtr* table);

    [DllImport(IpHlpApi)]
    private static extern void FreeMibTable(IntPtr table);

    [DllImport(IpHlpApi)]
    private static extern uint GetIpStatisticsEx(void* stats, uint family);

    [DllImport(IpHlpApi)]
    private static extern uint GetIcmpStatisticsEx(void* stats, uint family);

    [DllImport(IpHlpApi)]
    private static extern uint GetTcpStatisticsEx(void* stats, uint family);

    [DllImport(IpHlpApi)]
    private static extern uint GetUdpStatisticsEx(void* stats, uint family);
}
