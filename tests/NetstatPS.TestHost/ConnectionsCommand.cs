using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;
using NetstatPS.Readers;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost connections [--procfs|--netlink] [--state S]… [--protocol P]… [--family F]… [--no-owners] [--tcpinfo] [--time N]</c>:
/// runs <see cref="ConnectionReader"/> and prints {"Rows":[…],"Warnings":[…]} as one JSON line, so tests
/// can run the Core as another user (setpriv/runuser) or inside a network namespace. With --time N it
/// runs the query N times instead and prints the row count and each run's wall time in milliseconds.
/// </summary>
internal sealed class ConnectionsCommand : ITestHostCommand
{
    public string Name => "connections";

    public int Run(string[] args)
    {
        var path = LinuxConnectionPath.Automatic;
        var states = new List<ConnectionState>();
        var protocols = new List<TransportProtocol>();
        var families = new List<IPAddressFamily>();
        bool owners = true;
        bool tcpInfo = false;
        int timeRuns = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--procfs":
                    path = LinuxConnectionPath.ProcNet;
                    break;
                case "--netlink":
                    path = LinuxConnectionPath.Netlink;
                    break;
                case "--no-owners":
                    owners = false;
                    break;
                case "--tcpinfo":
                    tcpInfo = true;
                    break;
                case "--time" when i + 1 < args.Length:
                    timeRuns = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--state" when i + 1 < args.Length:
                    states.Add(Enum.Parse<ConnectionState>(args[++i], ignoreCase: true));
                    break;
                case "--protocol" when i + 1 < args.Length:
                    protocols.Add(Enum.Parse<TransportProtocol>(args[++i], ignoreCase: true));
                    break;
                case "--family" when i + 1 < args.Length:
                    families.Add(Enum.Parse<IPAddressFamily>(args[++i], ignoreCase: true));
                    break;
                default:
                    Console.Error.WriteLine($"connections: unknown argument '{args[i]}'");
                    return 2;
            }
        }

        var query = new ConnectionQuery
        {
            States = states,
            Protocols = protocols,
            AddressFamilies = families,
            IncludeProcessInfo = owners,
            IncludeTcpInfo = tcpInfo,
        };

        var provider = new ForcedPathProvider(new LinuxConnectionSource("/proc", path));
        if (timeRuns > 0)
        {
            var times = new List<double>();
            int count = 0;
            for (int run = 0; run < timeRuns; run++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                count = ConnectionReader.Read(provider, query, default).Items.Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            JsonOutput.Write(new { Rows = count, Milliseconds = times });
            return 0;
        }

        QueryResult<Connection> result = ConnectionReader.Read(provider, query, default);
        JsonOutput.Write(new { Rows = result.Items.ToArray(), Warnings = result.Warnings.ToArray() });
        return 0;
    }

    /// <summary>Linux's provider with the connection source's path chosen by the command line.</summary>
    private sealed class ForcedPathProvider : INetstatProvider
    {
        private readonly LinuxNetstatProvider inner = new();

        public ForcedPathProvider(IConnectionSource connections) => this.Connections = connections;

        public string PlatformName => this.inner.PlatformName;

        public IConnectionSource Connections { get; }

        public IProcessOwnerResolver Owners => this.inner.Owners;

        public IOwnerDetailSource OwnerDetails => this.inner.OwnerDetails;

        public IRouteSource Routes => this.inner.Routes;

        public IInterfaceStatisticSource Interfaces => this.inner.Interfaces;

        public IProtocolStatisticSource Protocols => this.inner.Protocols;

        public IMulticastSource Multicast => this.inner.Multicast;

        public IConnectionCloser Closer => this.inner.Closer;
    }
}
