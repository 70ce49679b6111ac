using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// Layer 1 on real bytes: buffers Wine 8's iphlpapi returned (tests/fixtures/windows/wine8, see its
/// README), decoded offline and compared with the ss and /proc/net/snmp oracles captured with them.
/// </summary>
public class WindowsWineCapturedBufferTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "fixtures", "windows", "wine8");

    private static byte[] Bin(string name) => File.ReadAllBytes(Path.Combine(Dir, name + ".bin"));

    private static JsonElement Sockets => JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "sockets.json"))).RootElement;

    [Fact]
    public void TcpTablesDecodeToExactlyWhatSsSaw()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(Path.Combine(Dir, "ss.txt")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f[0] == "UNCONN")
            {
                continue;
            }

            string state = f[0] switch
            {
                "LISTEN" => "Listen",
                "ESTAB" => "Established",
                "TIME-WAIT" => "TimeWait",
                "FIN-WAIT-2" => "FinWait2",
                "CLOSE-WAIT" => "CloseWait",
                _ => f[0],
            };
            expected.Add($"{state} {Endpoint(f[3])} {Endpoint(f[4])}");
        }

        foreach ((string suffix, bool module) in new[] { ("owner-module", true), ("owner-pid", false) })
        {
            var rows = new List<Connection>();
            Dictionary<WindowsTcpEndpointKey, uint> offload4 = WindowsTcpTableDecoder.DecodeOffloadStates(Bin("tcp4-table2"), IPAddressFamily.IPv4);
            Dictionary<WindowsTcpEndpointKey, uint> offload6 = WindowsTcpTableDecoder.DecodeOffloadStates(Bin("tcp6-table2"), IPAddressFamily.IPv6);
            if (module)
            {
                WindowsTcpTableDecoder.DecodeOwnerModule(Bin("tcp4-" + suffix), IPAddressFamily.IPv4, new ConnectionQuery(), offload4, rows);
                WindowsTcpTableDecoder.DecodeOwnerModule(Bin("tcp6-" + suffix), IPAddressFamily.IPv6, new ConnectionQuery(), offload6, rows);
            }
            else
            {
                WindowsTcpTableDecoder.DecodeOwnerPid(Bin("tcp4-" + suffix), IPAddressFamily.IPv4, new ConnectionQuery(), offload4, rows);
                WindowsTcpTableDecoder.DecodeOwnerPid(Bin("tcp6-" + suffix), IPAddressFamily.IPv6, new ConnectionQuery(), offload6, rows);
            }

            var actual = new SortedSet<string>(rows.Select(c => $"{c.State} {c.LocalAddress}:{c.LocalPort} {c.RemoteAddress}:{c.RemotePort}"), StringComparer.Ordinal);
            Assert.Equal(expected, actual);
            Assert.Equal(7, rows.Count);
            Assert.All(rows, c =>
            {
                Assert.Equal(0, c.TableProcessId);     // Wine 8: PID 0 for every socket
                Assert.Null(c.CreationTime);           // Wine 8: liCreateTimestamp 0
                Assert.Equal("InHost", c.OffloadState);
            });
        }
    }

    [Fact]
    public void UdpTablesDecodeToTheTwoEndpoints()
    {
        foreach (string suffix in new[] { "owner-module", "owner-pid" })
        {
            var rows = new List<Connection>();
            if (suffix == "owner-module")
            {
                WindowsUdpTableDecoder.DecodeOwnerModule(Bin("udp4-" + suffix), IPAddressFamily.IPv4, rows);
                WindowsUdpTableDecoder.DecodeOwnerModule(Bin("udp6-" + suffix), IPAddressFamily.IPv6, rows);
            }
            else
            {
                WindowsUdpTableDecoder.DecodeOwnerPid(Bin("udp4-" + suffix), IPAddressFamily.IPv4, rows);
                WindowsUdpTableDecoder.DecodeOwnerPid(Bin("udp6-" + suffix), IPAddressFamily.IPv6, rows);
            }

            Assert.Equal(
                new[] { $"127.0.0.1:{Sockets.GetProperty("UdpPort").GetInt32()}", $"::1:{Sockets.GetProperty("Udp6Port").GetInt32()}" },
                rows.Select(c => $"{c.LocalAddress}:{c.LocalPort}"));
            Assert.All(rows, c => Assert.Equal(ConnectionState.Listen, c.State));
        }
    }

    [Fact]
    public void InterfaceRoutesAndAddressTablesDecode()
    {
        var interfaces = new List<InterfaceStatistic>();
        WindowsInterfaceDecoder.Decode(Bin("if-table2"), interfaces);
        Assert.Equal(new[] { "lo", "nsb", "nsa" }, interfaces.Select(i => i.Name));
        InterfaceStatistic nsa = interfaces.Single(i => i.Name == "nsa");
        Assert.Equal("02-00-5E-10-20-30", nsa.MacAddress);
        Assert.Equal(1500, nsa.Mtu);
        Assert.Equal("Ethernet", nsa.Type);
        InterfaceStatistic lo = interfaces[0];
        Assert.Equal("Loopback", lo.Type);
        Assert.Equal(65536, lo.Mtu);
        Assert.True(lo.BytesReceived > 0);
        Assert.Equal(lo.BytesReceived, lo.BytesSent); // loopback: everything sent is received

        var names = interfaces.ToDictionary(i => i.Index, i => i.Name);
        var routes = new List<Route>();
        WindowsRouteDecoder.Decode(Bin("ipforward-table2"), names, _ => true, routes);
        Assert.Equal(
            new[] { "0.0.0.0/0 via 10.200.0.254 nsa 3 UG", "10.200.0.0/24 via 0.0.0.0 nsa 0 U", "10.201.0.0/16 via 10.200.0.254 nsa 7 UG", "10.202.0.5/32 via 0.0.0.0 nsa 0 UH" },
            routes.Select(r => $"{r.DestinationPrefix} via {r.NextHop} {r.InterfaceName} {r.RouteMetric} {r.Flags}").OrderBy(s => s, StringComparer.Ordinal));

        List<WindowsUnicastAddress> addresses = WindowsUnicastAddressDecoder.Decode(Bin("unicast-table"));
        Assert.Contains(addresses, a => a.Address.ToString() == "10.200.0.1" && a.PrefixLength == 24 && a.InterfaceIndex == nsa.Index);
        Assert.Contains(addresses, a => a.Address.ToString() == "127.0.0.1" && a.InterfaceIndex == lo.Index);
        Assert.All(routes, r => Assert.Equal("10.200.0.1", WindowsUnicastAddressDecoder.AddressFor(addresses, r)));
    }

    [Fact]
    public void StatisticsMatchProcNetSnmp()
    {
        Dictionary<string, long> before = Snmp("snmp.txt");
        Dictionary<string, long> after = Snmp("snmp-after.txt");

        TcpStatistic tcp = WindowsProtocolStatisticDecoder.DecodeTcp(Bin("tcpstats4"), IPAddressFamily.IPv4);
        Assert.Equal(before["Tcp.ActiveOpens"], (long)tcp.ActiveOpens!.Value);
        Assert.Equal(before["Tcp.PassiveOpens"], (long)tcp.PassiveOpens!.Value);
        Assert.Equal(before["Tcp.CurrEstab"], tcp.CurrentConnections);
        Assert.Equal(3UL, tcp.ActiveOpens); // the three connects wine-sockets made

        IPStatistic ip = WindowsProtocolStatisticDecoder.DecodeIp(Bin("ipstats4"), IPAddressFamily.IPv4);
        Assert.Equal(before["Ip.DefaultTTL"], ip.DefaultTtl);
        Assert.InRange((long)ip.PacketsReceived!.Value, before["Ip.InReceives"], after["Ip.InReceives"]);

        IcmpStatistic icmp = WindowsProtocolStatisticDecoder.DecodeIcmp(Bin("icmpex4"), IPAddressFamily.IPv4);
        Assert.Equal((ulong)before["Icmp.InMsgs"], icmp.MessagesReceived);
        UdpStatistic udp = WindowsProtocolStatisticDecoder.DecodeUdp(Bin("udpstats4"), IPAddressFamily.IPv4);
        Assert.Equal((ulong)before["Udp.InDatagrams"], udp.DatagramsReceived);
        Assert.NotNull(WindowsProtocolStatisticDecoder.DecodeIp(Bin("ipstats6"), IPAddressFamily.IPv6).PacketsReceived);
    }

    private static string Endpoint(string ss)
    {
        int colon = ss.LastIndexOf(':');
        string host = ss.Substring(0, colon).Trim('[', ']');
        string port = ss.Substring(colon + 1);
        return (host == "*" ? "0.0.0.0" : host) + ":" + (port == "*" ? "0" : port);
    }

    private static Dictionary<string, long> Snmp(string file)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] lines = File.ReadAllLines(Path.Combine(Dir, file));
        for (int i = 0; i + 1 < lines.Length; i += 2)
        {
            string[] names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] numbers = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int k = 1; k < names.Length && k < numbers.Length; k++)
            {
                values[names[0].TrimEnd(':') + "." + names[k]] = long.Parse(numbers[k], CultureInfo.InvariantCulture);
            }
        }

        return values;
    }
}
