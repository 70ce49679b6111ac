using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// Runs the Core readers on the OS the host runs on (under Wine: the Windows provider over Wine's
/// iphlpapi) and prints one JSON document: connections, interfaces, routes, protocol statistics, the
/// warnings of each call and any exception, each section independent of the others.
/// Usage: nsps-testhost windows-report.
/// </summary>
internal sealed class WindowsReportCommand : ITestHostCommand
{
    private static readonly PropertyInfo? TableProcessId =
        typeof(Connection).GetProperty("TableProcessId", BindingFlags.Instance | BindingFlags.NonPublic);

    public string Name => "windows-report";

    public int Run(string[] args)
    {
        JsonOutput.Write(new
        {
            Platform = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Connections = Section(() =>
            {
                QueryResult<Connection> r = ConnectionReader.Read(new ConnectionQuery());
                return (r.Items.Select(c => (object)new
                {
                    c.Protocol,
                    c.AddressFamily,
                    c.LocalAddress,
                    c.LocalPort,
                    c.RemoteAddress,
                    c.RemotePort,
                    c.State,
                    c.ProcessId,
                    c.ProcessName,
                    c.ProcessPath,
                    TableProcessId = TableProcessId?.GetValue(c),
                    c.CreationTime,
                    c.OffloadState,
                    c.InterfaceIndex,
                    c.Source,
                }).ToList(), r.Warnings);
            }),
            ListenOnly = Section(() =>
            {
                QueryResult<Connection> r = ConnectionReader.Read(new ConnectionQuery { States = new[] { ConnectionState.Listen }, Protocols = new[] { TransportProtocol.Tcp } });
                return (r.Items.Select(c => (object)new { c.LocalAddress, c.LocalPort, c.State }).ToList(), r.Warnings);
            }),
            EstablishedOnly = Section(() =>
            {
                QueryResult<Connection> r = ConnectionReader.Read(new ConnectionQuery { States = new[] { ConnectionState.Established } });
                return (r.Items.Select(c => (object)new { c.Protocol, c.LocalAddress, c.LocalPort, c.RemotePort, c.State }).ToList(), r.Warnings);
            }),
            Udp6Only = Section(() =>
            {
                QueryResult<Connection> r = ConnectionReader.Read(new ConnectionQuery { Protocols = new[] { TransportProtocol.Udp }, AddressFamilies = new[] { IPAddressFamily.IPv6 } });
                return (r.Items.Select(c => (object)new { c.Protocol, c.AddressFamily, c.LocalAddress, c.LocalPort, c.State }).ToList(), r.Warnings);
            }),
            WithTcpInfo = Section(() =>
            {
                QueryResult<Connection> r = ConnectionReader.Read(new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, IncludeTcpInfo = true });
                return (r.Items.Select(c => (object)new { c.LocalPort, HasTcpInfo = c.TcpInfo is not null }).ToList(), r.Warnings);
            }),
            WithSocketMemory = Section(() =>
            {
                QueryResult<Connection> r = ConnectionReader.Read(new ConnectionQuery { IncludeSocketMemory = true });
                return (r.Items.Select(c => (object)new { c.Protocol, c.LocalPort, HasSocketMemory = c.SocketMemory is not null }).ToList(), r.Warnings);
            }),
            Owners = Section(ResolveOwners),
            Services = Section(() => (NetstatPS.Platforms.Windows.WindowsServiceTable.Snapshot().Select(e => (object)new { e.Name, e.DisplayName, e.ProcessId, e.State }).ToList(), Array.Empty<string>())),
            ServiceOwners = Section(DescribeServiceOwners),
            Interfaces = Section(() =>
            {
                QueryResult<InterfaceStatistic> r = InterfaceStatisticReader.Read(new InterfaceQuery());
                return (r.Items.Cast<object>().ToList(), r.Warnings);
            }),
            Multicast = Section(() =>
            {
                QueryResult<MulticastMembership> r = MulticastMembershipReader.Read(new InterfaceQuery());
                return (r.Items.Cast<object>().ToList(), r.Warnings);
            }),
            Routes = Section(() =>
            {
                QueryResult<Route> r = RouteReader.Read(new RouteQuery());
                return (r.Items.Cast<object>().ToList(), r.Warnings);
            }),
            // -Destination through the Core, and GetBestRoute2 called bare so the test can name what Wine returns.
            BestRoute = Section(() =>
            {
                QueryResult<Route> r = RouteReader.Read(new RouteQuery { Destination = System.Net.IPAddress.Parse("10.201.3.4") });
                return (r.Items.Cast<object>().ToList(), r.Warnings.Concat(r.Failures.Select(f => "failure: " + f.Message)).ToList());
            }),
            BestRoute2Call = Section(() => (new List<object> { CallGetBestRoute2(0x04_03_C9_0A) }, Array.Empty<string>())),
            Statistics = Section(() =>
            {
                QueryResult<ProtocolStatistic> r = ProtocolStatisticReader.Read(new ProtocolQuery());
                return (r.Items.Cast<object>().ToList(), r.Warnings);
            }),
        });
        return 0;
    }

    /// <summary>
    /// Runs the platform's owner resolver on two synthetic rows: one owned by this very process and one
    /// with PID 0, so the process snapshot and image path calls run even where every socket reports PID 0.
    /// </summary>
    private static (List<object> Items, IReadOnlyList<string> Warnings) ResolveOwners()
    {
        Type platform = typeof(Connection).Assembly.GetType("NetstatPS.NetstatPlatform", throwOnError: true)!;
        object provider = platform.GetProperty("Current", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        object resolver = provider.GetType().GetProperty("Owners")!.GetValue(provider)!;
        var rows = new List<Connection> { new(), new() };
        TableProcessId!.SetValue(rows[0], Environment.ProcessId);
        TableProcessId.SetValue(rows[1], 0);
        var warnings = new WarningCollector();
        resolver.GetType().GetMethod("Resolve")!.Invoke(resolver, new object[] { rows, warnings });
        return (rows.Select(c => (object)new { TableProcessId = TableProcessId.GetValue(c), c.ProcessId, c.ProcessName, c.ProcessPath, c.OwnerCount, UserName = c.Owners.Count > 0 ? c.Owners[0].UserName : null }).ToList(), warnings.Items);
    }

    /// <summary>
    /// The owner-detail call on owners made for this process and for every process the service table
    /// names (Wine gives no socket owners, so the pid → services mapping is exercised directly), with
    /// command lines.
    /// </summary>
    private static (List<object> Items, IReadOnlyList<string> Warnings) DescribeServiceOwners()
    {
        var pids = new SortedSet<int>(NetstatPS.Platforms.Windows.WindowsServiceTable.Snapshot().Select(e => e.ProcessId).Where(p => p > 0)) { Environment.ProcessId };
        var owners = pids.Select(p => new ProcessOwner(p, null, null, null)).ToList();
        var warnings = new WarningCollector();
        NetstatPlatform.Current.OwnerDetails.Describe(owners, true, warnings);
        return (owners.Select(o => (object)new { o.ProcessId, o.Service, o.Services, o.ServiceDisplayNames, o.CommandLine, IsThisProcess = o.ProcessId == Environment.ProcessId }).ToList(), warnings.Items);
    }

    // 10.201.3.4 as SOCKADDR_IN inside SOCKADDR_INET: family AF_INET, the address at offset 4 in network order.
    private static unsafe object CallGetBestRoute2(uint networkOrderAddress)
    {
        var destination = new NetstatPS.Interop.Windows.SockaddrInet { Family = 2, FlowInfoOrIPv4Address = networkOrderAddress };
        NetstatPS.Interop.Windows.MibIpForwardRow2 row = default;
        NetstatPS.Interop.Windows.SockaddrInet best = default;
        uint rc = NetstatPS.Interop.Windows.IpHlpApi.GetBestRoute2(null, 0, null, &destination, 0, &row, &best);
        return new { ReturnCode = rc, RowInterfaceIndex = row.InterfaceIndex, BestSourceFamily = best.Family };
    }

    private static object Section(Func<(List<object> Items, IReadOnlyList<string> Warnings)> read)
    {
        try
        {
            (List<object> items, IReadOnlyList<string> warnings) = read();
            return new { Items = items, Warnings = warnings, Error = (string?)null };
        }
        catch (Exception e)
        {
            return new { Items = new List<object>(), Warnings = (IReadOnlyList<string>)Array.Empty<string>(), Error = e.ToString() };
        }
    }
}
