using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>
/// Layer 5: the Windows provider executed for real — a self-contained win-x64 nsps-testhost under Wine 8,
/// whose iphlpapi reads the Linux kernel of a private network namespace the fixture sets up. Every
/// P/Invoke signature and struct the provider uses runs against Wine's implementation; the Linux tools
/// (ss, ip -j, /proc/net/snmp) in the same namespace are the oracles.
/// Wine 8 is not Windows, and where it differs the tests assert what Wine gives, by name: every socket
/// has PID 0, creation timestamps are 0, there are no IPv6 routes, and GetTcpStatisticsEx2,
/// GetUdpStatisticsEx2 and GetIpInterfaceEntry are missing. Product code has no Wine special case: those
/// are the same fallbacks an older Windows takes.
/// </summary>
public class WineTests : IClassFixture<WineFixture>
{
    private readonly WineFixture wine;

    public WineTests(WineFixture wine)
    {
        this.wine = wine;
        Assert.True(wine.SetupError is null, wine.SetupError);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void EverySectionRanWithoutAnException()
    {
        foreach (string section in new[] { "Connections", "ListenOnly", "EstablishedOnly", "Udp6Only", "WithTcpInfo", "WithSocketMemory", "Owners", "Services", "ServiceOwners", "Interfaces", "Multicast", "Routes", "BestRoute", "BestRoute2Call", "Statistics" })
        {
            JsonElement s = this.wine.Report.GetProperty(section);
            Assert.True(s.GetProperty("Error").ValueKind == JsonValueKind.Null, section + ": " + s.GetProperty("Error"));
        }

        Assert.StartsWith("Microsoft Windows", this.wine.Report.GetProperty("Platform").GetString(), StringComparison.Ordinal);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void SeesTheListenerTheEstablishedPairTheIPv6ListenerAndTheUdpSocket()
    {
        JsonElement sockets = this.wine.ReadWorkJson("sockets.json");
        int port = sockets.GetProperty("ListenPort").GetInt32();
        int client = sockets.GetProperty("ClientPort").GetInt32();
        List<JsonElement> rows = Items("Connections");

        Assert.Contains(rows, r => Is(r, "Tcp", "IPv4", "127.0.0.1", port, "0.0.0.0", 0, "Listen"));
        Assert.Contains(rows, r => Is(r, "Tcp", "IPv4", "127.0.0.1", client, "127.0.0.1", port, "Established"));
        Assert.Contains(rows, r => Is(r, "Tcp", "IPv4", "127.0.0.1", port, "127.0.0.1", client, "Established"));
        Assert.Contains(rows, r => Is(r, "Tcp", "IPv6", "::1", sockets.GetProperty("Listen6Port").GetInt32(), "::", 0, "Listen"));
        Assert.Contains(rows, r => Is(r, "Udp", "IPv4", "127.0.0.1", sockets.GetProperty("UdpPort").GetInt32(), "0.0.0.0", 0, "Listen"));
        Assert.Contains(rows, r => Is(r, "Udp", "IPv6", "::1", sockets.GetProperty("Udp6Port").GetInt32(), "::", 0, "Listen"));

        // The closing states, through MIB_TCP_STATE.
        int half = sockets.GetProperty("HalfClosedClientPort").GetInt32();
        Assert.Contains(rows, r => Is(r, "Tcp", "IPv4", "127.0.0.1", half, "127.0.0.1", port, "FinWait2"));
        Assert.Contains(rows, r => Is(r, "Tcp", "IPv4", "127.0.0.1", port, "127.0.0.1", half, "CloseWait"));
        Assert.Contains(rows, r => Is(r, "Tcp", "IPv4", "127.0.0.1", sockets.GetProperty("TimeWaitClientPort").GetInt32(), "127.0.0.1", port, "TimeWait"));
        Assert.All(rows, r => Assert.Equal("IpHlpApi", r.GetProperty("Source").GetString()));

        // OffloadState comes from GetTcpTable2, which Wine has: every TCP row is InHost; UDP has none.
        Assert.All(rows.Where(r => Str(r, "Protocol") == "Tcp"), r => Assert.Equal("InHost", Str(r, "OffloadState")));
        Assert.All(rows.Where(r => Str(r, "Protocol") == "Udp"), r => Assert.Null(Str(r, "OffloadState")));
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void TcpRowsAreExactlyWhatSsSeesInTheNamespace()
    {
        // ss -Htan: State Recv-Q Send-Q Local:Port Peer:Port.
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in this.wine.ReadWork("ss.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
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

        var actual = new SortedSet<string>(
            Items("Connections").Where(r => Str(r, "Protocol") == "Tcp")
                .Select(r => $"{Str(r, "State")} {Str(r, "LocalAddress")}:{Int(r, "LocalPort")} {Str(r, "RemoteAddress")}:{Int(r, "RemotePort")}"),
            StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void TheStateFilterUsesTheListenerTableClass()
    {
        List<JsonElement> rows = Items("ListenOnly");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Listen", Str(r, "State")));
        Assert.Contains(rows, r => Int(r, "LocalPort") == WineFixture.Port);
        Assert.DoesNotContain(rows, r => Int(r, "LocalPort") == this.wine.ReadWorkJson("sockets.json").GetProperty("ClientPort").GetInt32());
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void TheEstablishedFilterUsesTheConnectionsTableClassAndDropsUdp()
    {
        List<JsonElement> rows = Items("EstablishedOnly");
        Assert.Equal(2, rows.Count); // the one established pair: both ends
        Assert.All(rows, r =>
        {
            Assert.Equal("Established", Str(r, "State"));
            Assert.Equal("Tcp", Str(r, "Protocol"));
        });
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void ProtocolAndFamilyFiltersReadOnlyTheAskedTables()
    {
        JsonElement row = Assert.Single(Items("Udp6Only"));
        Assert.Equal("Udp", Str(row, "Protocol"));
        Assert.Equal("IPv6", Str(row, "AddressFamily"));
        Assert.Equal("::1", Str(row, "LocalAddress"));
        Assert.Equal(this.wine.ReadWorkJson("sockets.json").GetProperty("Udp6Port").GetInt32(), Int(row, "LocalPort"));
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void IncludeTcpInfoWarnsOnceAndLeavesTcpInfoEmpty()
    {
        JsonElement section = this.wine.Report.GetProperty("WithTcpInfo");
        Assert.NotEmpty(Items("WithTcpInfo"));
        Assert.All(Items("WithTcpInfo"), r => Assert.False(r.GetProperty("HasTcpInfo").GetBoolean()));
        JsonElement warning = Assert.Single(section.GetProperty("Warnings").EnumerateArray());
        Assert.Contains("GetPerTcpConnectionEStats", warning.GetString(), StringComparison.Ordinal);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void IncludeSocketMemoryWarnsOnceThatWindowsHasNoneAndLeavesItEmpty()
    {
        // Not a Wine gap: Windows itself has no per-socket memory figures (ss -m's skmem).
        JsonElement section = this.wine.Report.GetProperty("WithSocketMemory");
        List<JsonElement> rows = Items("WithSocketMemory");
        Assert.Contains(rows, r => Str(r, "Protocol") == "Tcp");
        Assert.Contains(rows, r => Str(r, "Protocol") == "Udp");
        Assert.All(rows, r => Assert.False(r.GetProperty("HasSocketMemory").GetBoolean()));
        JsonElement warning = Assert.Single(section.GetProperty("Warnings").EnumerateArray());
        Assert.Contains("does not exist on Windows", warning.GetString(), StringComparison.Ordinal);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void WineLacksGetMulticastIpAddressTableSoMembershipsWarnOnceAndAreEmpty()
    {
        // Wine 8's iphlpapi.dll does not export GetMulticastIpAddressTable (the scenario's namespace
        // has memberships: every interface is in 224.0.0.1 and ff02::1). The provider takes the path of
        // an iphlpapi without the call: no rows, one warning naming it.
        JsonElement section = this.wine.Report.GetProperty("Multicast");
        Assert.Empty(Items("Multicast"));
        JsonElement warning = Assert.Single(section.GetProperty("Warnings").EnumerateArray());
        Assert.Contains("GetMulticastIpAddressTable", warning.GetString(), StringComparison.Ordinal);
        Assert.Contains("does not have", warning.GetString(), StringComparison.Ordinal);
        Assert.Contains("\tinet  224.0.0.1", this.wine.ReadWork("maddr.txt"), StringComparison.Ordinal);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void WineReportsPidZeroAndNoCreationTimeWhichGiveNoOwner()
    {
        // Wine 8 gap: dwOwningPid is 0 for every socket and liCreateTimestamp is 0. PID 0 must not become
        // an owner (no fake "System Idle Process"), and a zero timestamp is null, not 1601-01-01.
        foreach (JsonElement r in Items("Connections"))
        {
            Assert.Equal(0, Int(r, "TableProcessId"));
            Assert.Equal(JsonValueKind.Null, r.GetProperty("ProcessId").ValueKind);
            Assert.Null(Str(r, "ProcessName"));
            Assert.Equal(JsonValueKind.Null, r.GetProperty("CreationTime").ValueKind);
        }
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void OwnerResolverNamesItsOwnProcessFromOneSnapshotAndLeavesPidZeroUnowned()
    {
        // Both rows are synthetic (Wine gives PID 0 for real sockets): the snapshot, PROCESSENTRY32W and
        // QueryFullProcessImageNameW still run for real under Wine.
        List<JsonElement> rows = Items("Owners");
        JsonElement self = rows[0];
        Assert.True(Int(self, "TableProcessId") > 0);
        Assert.Equal(Int(self, "TableProcessId"), Int(self, "ProcessId"));
        Assert.Equal("nsps-testhost", Str(self, "ProcessName"));
        Assert.EndsWith(@"\nsps-testhost.exe", Str(self, "ProcessPath"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Int(self, "OwnerCount"));

        // OpenProcessToken + GetTokenInformation(TokenUser) + LookupAccountSidW: Wine names the Unix user.
        Assert.EndsWith("\\" + Environment.UserName, Str(self, "UserName"), StringComparison.OrdinalIgnoreCase);

        JsonElement idle = rows[1];
        Assert.Equal(0, Int(idle, "TableProcessId"));
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("ProcessId").ValueKind);
        Assert.Equal(0, Int(idle, "OwnerCount"));
        Assert.Null(Str(idle, "UserName"));
        Assert.Empty(this.wine.Report.GetProperty("Owners").GetProperty("Warnings").EnumerateArray());
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void ServiceTableAndItsProcessMappingRunUnderWine()
    {
        // EnumServicesStatusExW(SC_ENUM_PROCESS_INFO) against Wine's service manager, which runs its own
        // services (Wine 8: EventLog, PlugPlay, Winedevice1/2), each in a process with an id.
        List<JsonElement> services = Items("Services");
        Assert.Contains(services, s => Str(s, "Name") == "EventLog" && Str(s, "DisplayName") == "Event Log");
        Assert.Contains(services, s => Str(s, "Name") == "PlugPlay" && Str(s, "DisplayName") == "Plug and Play Service");
        Assert.All(services, s =>
        {
            Assert.Equal(4, Int(s, "State"));
            Assert.True(Int(s, "ProcessId") > 0, Str(s, "Name"));
        });

        // Wine gives no socket owners, so the pid → services mapping is called directly on those pids:
        // every service is named on its process's owner, with its display name at the same position.
        List<JsonElement> owners = Items("ServiceOwners");
        foreach (JsonElement service in services)
        {
            JsonElement owner = owners.Single(o => Int(o, "ProcessId") == Int(service, "ProcessId"));
            List<string?> names = owner.GetProperty("Services").EnumerateArray().Select(n => n.GetString()).ToList();
            List<string?> displays = owner.GetProperty("ServiceDisplayNames").EnumerateArray().Select(n => n.GetString()).ToList();
            int at = names.IndexOf(Str(service, "Name"));
            Assert.True(at >= 0, Str(service, "Name"));
            Assert.Equal(Str(service, "DisplayName"), displays[at]);
            Assert.Equal(string.Join(", ", names), Str(owner, "Service"));
        }

        JsonElement self = owners.Single(o => o.GetProperty("IsThisProcess").GetBoolean());
        Assert.Null(Str(self, "Service"));
        Assert.Equal(JsonValueKind.Null, self.GetProperty("Services").ValueKind);

        // Wine 8 has no ProcessCommandLineInformation (NtQueryInformationProcess class 60): CommandLine is null, not an error.
        Assert.All(owners, o => Assert.Null(Str(o, "CommandLine")));
        Assert.Empty(this.wine.Report.GetProperty("ServiceOwners").GetProperty("Warnings").EnumerateArray());
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void InterfacesMatchTheNamespacesLinksAndCounters()
    {
        List<JsonElement> rows = Items("Interfaces");
        JsonElement before = this.wine.ReadWorkJson("link-before.json");
        JsonElement after = this.wine.ReadWorkJson("link-after.json");
        Assert.Equal(before.GetArrayLength(), rows.Count);

        JsonElement lo = rows.Single(r => Str(r, "Name") == "lo");
        Assert.Equal("Loopback", Str(lo, "Type"));
        Assert.Equal("Up", Str(lo, "Status"));
        Assert.Null(Str(lo, "MacAddress"));
        Assert.Equal(Link(before, "lo").GetProperty("ifindex").GetInt32(), Int(lo, "Index"));
        Assert.Equal(65536, Int(lo, "Mtu"));
        AssertBetween(Stat(before, "lo", "rx", "bytes"), ULong(lo, "BytesReceived"), Stat(after, "lo", "rx", "bytes"));
        AssertBetween(Stat(before, "lo", "tx", "bytes"), ULong(lo, "BytesSent"), Stat(after, "lo", "tx", "bytes"));
        AssertBetween(Stat(before, "lo", "rx", "packets"), ULong(lo, "PacketsReceived"), Stat(after, "lo", "rx", "packets"));
        Assert.True(ULong(lo, "BytesReceived") > 0, "the test's own loopback traffic is counted");
        Assert.Equal(0UL, ULong(lo, "ErrorsReceived"));

        JsonElement nsa = rows.Single(r => Str(r, "Name") == "nsa");
        Assert.Equal("02-00-5E-10-20-30", Str(nsa, "MacAddress"));
        Assert.Equal("Ethernet", Str(nsa, "Type"));
        Assert.Equal(1500, Int(nsa, "Mtu"));
        Assert.Equal(Link(before, "nsa").GetProperty("ifindex").GetInt32(), Int(nsa, "Index"));
        Assert.Equal("IpHlpApi", Str(nsa, "Source"));
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void IPv4RoutesMatchTheMainTableAndWineGivesNoIPv6Routes()
    {
        List<JsonElement> rows = Items("Routes");
        List<JsonElement> v4 = rows.Where(r => Str(r, "AddressFamily") == "IPv4").ToList();

        // Oracle: ip -j route show table main in the same namespace.
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (JsonElement r in this.wine.ReadWorkJson("routes4.json").EnumerateArray())
        {
            string dst = r.GetProperty("dst").GetString()!;
            string prefix = dst == "default" ? "0.0.0.0/0" : dst.Contains('/', StringComparison.Ordinal) ? dst : dst + "/32";
            string via = r.TryGetProperty("gateway", out JsonElement g) ? g.GetString()! : "0.0.0.0";
            long metric = r.TryGetProperty("metric", out JsonElement m) ? m.GetInt64() : 0;
            expected.Add($"{prefix} {via} {r.GetProperty("dev").GetString()} {metric}");
        }

        var actual = new SortedSet<string>(v4.Select(r => $"{Str(r, "DestinationPrefix")} {Str(r, "NextHop")} {Str(r, "InterfaceName")} {Int(r, "RouteMetric")}"), StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(4, v4.Count);

        JsonElement def = v4.Single(r => Str(r, "DestinationPrefix") == "0.0.0.0/0");
        Assert.True(def.GetProperty("IsDefault").GetBoolean());
        Assert.Equal("UG", Str(def, "Flags"));
        Assert.Equal("0.0.0.0", Str(def, "Netmask"));
        Assert.Equal(3, Int(def, "RouteMetric"));
        Assert.Equal("UH", Str(v4.Single(r => Str(r, "DestinationPrefix") == "10.202.0.5/32"), "Flags"));
        JsonElement connected = v4.Single(r => Str(r, "DestinationPrefix") == "10.200.0.0/24");
        Assert.Equal("U", Str(connected, "Flags"));
        Assert.True(connected.GetProperty("IsOnLink").GetBoolean());
        Assert.All(v4, r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("Table").ValueKind);
            Assert.False(r.GetProperty("Persistent").GetBoolean()); // no route -p store in the prefix: none persistent
            Assert.NotNull(Str(r, "Protocol"));
            Assert.Equal("10.200.0.1", Str(r, "InterfaceAddress")); // GetUnicastIpAddressTable: nsa's address
        });

        // Wine 8 gap: no GetIpInterfaceEntry, so the interface metric is unknown: Metric stays null (never
        // a guessed sum) and one warning says why.
        Assert.All(v4, r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("Metric").ValueKind);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("InterfaceMetric").ValueKind);
        });
        Assert.Contains(this.wine.Report.GetProperty("Routes").GetProperty("Warnings").EnumerateArray(), w => w.GetString()!.Contains("GetIpInterfaceEntry", StringComparison.Ordinal));

        // Wine 8 gap: the namespace has IPv6 routes (fd00:200::/64), Wine's GetIpForwardTable2 returns none.
        Assert.Contains(this.wine.ReadWorkJson("routes6.json").EnumerateArray(), r => r.GetProperty("dst").GetString() == "fd00:200::/64");
        Assert.DoesNotContain(rows, r => Str(r, "AddressFamily") == "IPv6");
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void WineHasGetBestRoute2OnlyAsAStubSoDestinationFallsBackToTheTableAndSaysSo()
    {
        // Wine 8 gap: iphlpapi exports GetBestRoute2 but it is a stub ("FIXME … stub") that returns
        // ERROR_NOT_SUPPORTED (50) and leaves its outputs untouched.
        JsonElement call = Assert.Single(Items("BestRoute2Call"));
        Assert.Equal(50, Int(call, "ReturnCode"));
        Assert.Equal(0, Int(call, "RowInterfaceIndex"));
        Assert.Equal(0, Int(call, "BestSourceFamily"));

        // -Destination therefore takes the fallback every OS without the call would: the table's longest
        // prefix (10.201.0.0/16 via 10.200.0.254, not the default route), with a warning naming the error.
        JsonElement route = Assert.Single(Items("BestRoute"));
        Assert.Equal(("10.201.0.0/16", "10.200.0.254", "nsa", "IpHlpApi"), (Str(route, "DestinationPrefix"), Str(route, "NextHop"), Str(route, "InterfaceName"), Str(route, "Source")));
        string warning = Assert.Single(this.wine.Report.GetProperty("BestRoute").GetProperty("Warnings").EnumerateArray(), w => w.GetString()!.Contains("longest-prefix match", StringComparison.Ordinal)).GetString()!;
        Assert.Contains("GetBestRoute2 returned 50 (ERROR_NOT_SUPPORTED)", warning, StringComparison.Ordinal);
        Assert.Contains("10.201.3.4", warning, StringComparison.Ordinal);
    }

    [FactNeeding(MachineNeed.WineLayer)]
    public void StatisticsComeOnePerProtocolAndFamilyAndMatchProcNetSnmp()
    {
        List<JsonElement> rows = Items("Statistics");
        Assert.Equal(new[] { "IPv4", "IPv6", "ICMPv4", "ICMPv6", "TCPv4", "TCPv6", "UDPv4", "UDPv6" }, rows.Select(r => Str(r, "Protocol")));
        Assert.All(rows, r => Assert.Equal("IpHlpApi", Str(r, "Source")));

        Dictionary<string, long> before = Snmp(this.wine.ReadWork("snmp-before.txt"));
        Dictionary<string, long> after = Snmp(this.wine.ReadWork("snmp-after.txt"));

        JsonElement tcp = rows[4];
        Assert.Equal(after["Tcp.ActiveOpens"], Int(tcp, "ActiveOpens"));
        Assert.Equal(after["Tcp.PassiveOpens"], Int(tcp, "PassiveOpens"));
        Assert.Equal(after["Tcp.CurrEstab"], Int(tcp, "CurrentConnections"));
        Assert.Equal(3, Int(tcp, "CurrentConnections")); // ESTABLISHED + CLOSE_WAIT count as current (RFC 1213 tcpCurrEstab)
        AssertBetween((ulong)before["Tcp.InSegs"], ULong(tcp, "SegmentsReceived"), (ulong)after["Tcp.InSegs"]);
        Assert.Equal(15, tcp.GetProperty("Counters").EnumerateObject().Count());

        // Wine 8 gap: GetTcpStatisticsEx2 / GetUdpStatisticsEx2 are missing: the Ex fallback ran and says so.
        Assert.Contains("GetTcpStatisticsEx2", Str(tcp, "Note"), StringComparison.Ordinal);
        Assert.Contains("GetUdpStatisticsEx2", Str(rows[6], "Note"), StringComparison.Ordinal);

        JsonElement ip = rows[0];
        Assert.Equal(before["Ip.DefaultTTL"], Int(ip, "DefaultTtl"));
        AssertBetween((ulong)before["Ip.InReceives"], ULong(ip, "PacketsReceived"), (ulong)after["Ip.InReceives"]);
        Assert.Equal(23, ip.GetProperty("Counters").EnumerateObject().Count());

        JsonElement icmp = rows[2];
        Assert.Equal(after["Icmp.InMsgs"], Int(icmp, "MessagesReceived"));
        Assert.True(icmp.GetProperty("Received").TryGetProperty("EchoRequest", out _));
        JsonElement udp = rows[6];
        AssertBetween((ulong)before["Udp.InDatagrams"], ULong(udp, "DatagramsReceived"), (ulong)after["Udp.InDatagrams"]);
    }

    private static string Endpoint(string ss)
    {
        // ss prints [::1]:47002 and 127.0.0.1:47001 and *:* / 0.0.0.0:*.
        int colon = ss.LastIndexOf(':');
        string host = ss.Substring(0, colon).Trim('[', ']');
        string port = ss.Substring(colon + 1);
        if (host == "*")
        {
            host = "0.0.0.0";
        }

        return host + ":" + (port == "*" ? "0" : port);
    }

    private static Dictionary<string, long> Snmp(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i + 1 < lines.Length; i += 2)
        {
            string[] names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] numbers = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string group = names[0].TrimEnd(':');
            for (int k = 1; k < names.Length && k < numbers.Length; k++)
            {
                values[group + "." + names[k]] = long.Parse(numbers[k], CultureInfo.InvariantCulture);
            }
        }

        return values;
    }

    private static JsonElement Link(JsonElement links, string name) => links.EnumerateArray().Single(l => l.GetProperty("ifname").GetString() == name);

    private static ulong Stat(JsonElement links, string name, string direction, string counter) =>
        Link(links, name).GetProperty("stats64").GetProperty(direction).GetProperty(counter).GetUInt64();

    private static void AssertBetween(ulong low, ulong value, ulong high) =>
        Assert.True(value >= low && value <= high, $"{value} is not within [{low}, {high}]");

    private static bool Is(JsonElement r, string protocol, string family, string local, int localPort, string remote, int remotePort, string state) =>
        Str(r, "Protocol") == protocol && Str(r, "AddressFamily") == family && Str(r, "LocalAddress") == local && Int(r, "LocalPort") == localPort &&
        Str(r, "RemoteAddress") == remote && Int(r, "RemotePort") == remotePort && Str(r, "State") == state;

    private static string? Str(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).ToString();

    private static long Int(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    private static ulong ULong(JsonElement e, string name) => e.GetProperty(name).GetUInt64();

    private List<JsonElement> Items(string section) => this.wine.Report.GetProperty(section).GetProperty("Items").EnumerateArray().ToList();
}
