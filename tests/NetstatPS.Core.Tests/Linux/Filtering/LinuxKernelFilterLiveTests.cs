using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using NetstatPS.Abstractions;
using NetstatPS.Filtering;
using NetstatPS.Platforms.Linux;
using NetstatPS.Readers;
using Xunit;
using Xunit.Abstractions;

namespace NetstatPS.Core.Tests.Linux.Filtering;

/// <summary>
/// The endpoint filters in the real kernel: on a live table (a child holding TCP and UDP sockets on
/// IPv4 and IPv6 loopback, and dual-stack sockets here whose IPv4 ends show as ::ffff:127.0.0.1),
/// random -LocalPort/-RemotePort/-LocalAddress/-RemoteAddress filters select in the kernel exactly the
/// sockets the C# filter selects from the unfiltered dump. Compared by inode over our own sockets, so
/// other processes' sockets coming and going do not matter.
/// </summary>
[Collection("LinuxLive")]
public sealed class LinuxKernelFilterLiveTests : IDisposable
{
    private static readonly TransportProtocol[] Both = { TransportProtocol.Tcp, TransportProtocol.Udp };

    private readonly ITestOutputHelper output;
    private readonly HeldSockets held;
    private readonly List<Socket> own = new();
    private readonly HashSet<int> ownPorts = new();

    public LinuxKernelFilterLiveTests(ITestOutputHelper output)
    {
        this.output = output;
        this.held = HeldSockets.Start(false, HeldSockets.EveryKind.Concat(new[] { "tcp-pair:127.0.0.5", "tcp-listen:127.0.0.6", "udp:127.0.0.7" }).ToArray());

        // Dual-stack: an IPv6 listener on :: reached over IPv4, and an IPv6 UDP socket connected to an IPv4 peer.
        var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        listener.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        listener.Listen(4);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndPoint!).Port));
        Socket accepted = listener.Accept();
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var dual = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        dual.Connect(new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), ((IPEndPoint)peer.LocalEndPoint!).Port));
        this.own.AddRange(new[] { listener, client, accepted, peer, dual });
        foreach (Socket s in this.own)
        {
            this.ownPorts.Add(((IPEndPoint)s.LocalEndPoint!).Port);
        }
    }

    public void Dispose()
    {
        foreach (Socket s in this.own)
        {
            s.Dispose();
        }

        this.held.Dispose();
    }

    [Fact]
    public void RandomFiltersSelectInTheKernelWhatTheCSharpFilterSelects()
    {
        List<Connection> all = Read(new ConnectionQuery { Protocols = Both }, out _);
        List<Connection> ours = this.Ours(all);
        Assert.Contains(ours, c => c.LocalAddress == "::ffff:127.0.0.1");
        Assert.Contains(ours, c => c.Protocol == TransportProtocol.Udp && c.AddressFamily == IPAddressFamily.IPv6);
        Assert.True(ours.Count >= 20, $"only {ours.Count} of our sockets in the table");
        var inodes = ours.Select(c => c.Inode!.Value).ToHashSet();

        int[] ports = ours.SelectMany(c => new[] { c.LocalPort!.Value, c.RemotePort!.Value }).Distinct().Concat(new[] { 0, 1, 65535 }).ToArray();
        string[] addresses = ours.SelectMany(c => new[] { c.LocalAddress!, c.RemoteAddress! }).Distinct()
            .Concat(new[] { "0.0.0.0/0", "::/0", "127.0.0.0/8", "127.0.0.4/30", "127.0.0.0/29", "::ffff:0:0/96", "::ffff:127.0.0.0/104", "::1/128", "10.0.0.0/8", "fe80::/10" })
            .ToArray();
        this.output.WriteLine($"{ours.Count} of our sockets; ports {string.Join(",", ports)}; addresses {string.Join(" ", addresses)}");

        // Each parameter is left out half the time, so that many filters select some of our sockets.
        Gen<int[]> portSets = Gen.OneOf(Gen.Constant(Array.Empty<int>()), Gen.Elements(ports).ArrayOf().Select(a => a.Take(3).ToArray()));
        Gen<string[]> addressSets = Gen.OneOf(Gen.Constant(Array.Empty<string>()), Gen.Elements(addresses).ArrayOf().Select(a => a.Take(3).ToArray()));
        Gen<(int[], int[], string[], string[])> filters = from lp in portSets from rp in portSets from la in addressSets from ra in addressSets select (lp, rp, la, ra);
        int nonEmpty = 0;
        Prop.ForAll(filters.ToArbitrary(), f =>
        {
            var query = new ConnectionQuery
            {
                Protocols = Both,
                LocalPorts = f.Item1,
                RemotePorts = f.Item2,
                LocalAddresses = f.Item3.Select(AddressFilter.Parse).ToArray(),
                RemoteAddresses = f.Item4.Select(AddressFilter.Parse).ToArray(),
            };
            var kernel = Read(query, out WarningCollector warnings).Where(c => c.Inode is long i && inodes.Contains(i)).Select(c => c.Inode!.Value).ToHashSet();
            bool filtered = f.Item1.Length + f.Item2.Length + f.Item3.Length + f.Item4.Length > 0;
            var csharp = ours.Where(c => !filtered || ConnectionFilter.MatchesEndpoints(query, c)).Select(c => c.Inode!.Value).ToHashSet();
            if (csharp.Count > 0)
            {
                nonEmpty++;
            }

            return (warnings.VerboseItems.Count == 0 && kernel.SetEquals(csharp))
                .Label($"ports {string.Join(",", f.Item1)} / {string.Join(",", f.Item2)}, addresses {string.Join(",", f.Item3)} / {string.Join(",", f.Item4)}: " +
                       $"kernel {kernel.Count}, C# {csharp.Count}; verbose: {string.Join(" ", warnings.VerboseItems)}");
        }).QuickCheckThrowOnFailure();

        // The comparison means something only if many filters selected some of our sockets.
        this.output.WriteLine($"{nonEmpty} of the filters selected at least one of our sockets");
        Assert.True(nonEmpty >= 10, $"only {nonEmpty} random filters selected any socket");
    }

    [Fact]
    public void AKernelThatRefusesTheFilterGivesTheSameRowsWithOneVerboseMessage()
    {
        List<Connection> ours = this.Ours(Read(new ConnectionQuery { Protocols = Both }, out _));
        Connection target = ours.First(c => c.LocalAddress == "::ffff:127.0.0.1");
        var query = new ConnectionQuery { Protocols = Both, LocalPorts = new[] { target.LocalPort!.Value }, LocalAddresses = new[] { AddressFilter.Parse("127.0.0.0/8"), AddressFilter.Parse("::1") } };

        var filtered = Read(query, out WarningCollector accepted);
        Assert.Empty(accepted.VerboseItems);

        // An op code the kernel does not know: inet_diag_bc_audit answers EINVAL to every dump of the call.
        var refusing = new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink) { BytecodeOverride = new byte[] { 0xFF, 4, 8, 0 } };
        var unfiltered = new List<Connection>();
        var warnings = new WarningCollector();
        refusing.Read(query, unfiltered, warnings);
        Assert.Equal(new[] { LinuxConnectionSource.KernelFilterRefused }, warnings.VerboseItems);
        Assert.Empty(warnings.Items);
        Assert.Contains(unfiltered, c => c.LocalPort != target.LocalPort); // really unfiltered

        // ConnectionReader's C# filter, always applied after the kernel's, makes both the same.
        var expected = filtered.Where(c => ConnectionFilter.MatchesEndpoints(query, c)).Select(c => c.Inode).ToHashSet();
        var fallback = unfiltered.Where(c => ConnectionFilter.MatchesEndpoints(query, c)).Select(c => c.Inode).ToHashSet();
        Assert.Contains(target.Inode, fallback);
        Assert.Equal(expected.Intersect(ours.Select(c => c.Inode)).ToHashSet(), fallback.Intersect(ours.Select(c => c.Inode)).ToHashSet());
        Assert.Equal(filtered.Count, expected.Count); // the kernel sent only matching rows
    }

    [Fact]
    public void OneTcpDumpOfBothFamiliesGivesWhatTheTwoPerFamilyDumpsGive()
    {
        var ours = this.Ours(Read(new ConnectionQuery { Protocols = Both }, out _)).Where(c => c.Protocol == TransportProtocol.Tcp).Select(c => c.Inode!.Value).ToHashSet();
        var filter = new ConnectionQuery { LocalAddresses = new[] { AddressFilter.Parse("127.0.0.0/8"), AddressFilter.Parse("::/0") } };
        using LinuxSockDiagSocket netlink = LinuxSockDiagSocket.TryOpen(NetstatPS.Interop.Linux.LibCSockets.NETLINK_SOCK_DIAG, out _)!;
        foreach (byte[]? program in new[] { null, NetstatPS.Filtering.Linux.InetDiagBytecodeCompiler.Compile(filter, null)!.Program })
        {
            var both = new List<Connection>();
            var perFamily = new List<Connection>();
            var warnings = new WarningCollector();
            Assert.True(netlink.TryDumpTcpBothFamilies(NetstatPS.Decoders.Linux.LinuxSocketStates.AllTcp, false, false, program, new NetstatPS.Decoders.Linux.LinuxAddressCache(), both, warnings, out int errno), $"TCPDIAG_GETSOCK refused: errno {errno}");
            foreach (IPAddressFamily family in new[] { IPAddressFamily.IPv4, IPAddressFamily.IPv6 })
            {
                byte[]? perFamilyProgram = program is null ? null : NetstatPS.Filtering.Linux.InetDiagBytecodeCompiler.Compile(filter, family)!.Program;
                Assert.True(netlink.TryDump(family, TransportProtocol.Tcp, NetstatPS.Decoders.Linux.LinuxSocketStates.AllTcp, false, false, perFamilyProgram, new NetstatPS.Decoders.Linux.LinuxAddressCache(), perFamily, warnings, out _));
            }

            Assert.Contains(both, c => c.AddressFamily == IPAddressFamily.IPv4);
            Assert.Contains(both, c => c.AddressFamily == IPAddressFamily.IPv6);
            var a = both.Where(c => c.Inode is long i && ours.Contains(i)).Select(HeldSockets.KeyOf).ToHashSet();
            var b = perFamily.Where(c => c.Inode is long i && ours.Contains(i)).Select(HeldSockets.KeyOf).ToHashSet();
            Assert.True(a.Count >= 10, $"only {a.Count} of our TCP sockets");
            Assert.Equal(b, a);
        }

        // Through the source, IPv4 rows still come before IPv6 ones, as two per-family dumps give them.
        List<Connection> rows = Read(new ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp } }, out _);
        int lastV4 = rows.FindLastIndex(c => c.AddressFamily == IPAddressFamily.IPv4);
        int firstV6 = rows.FindIndex(c => c.AddressFamily == IPAddressFamily.IPv6);
        Assert.True(lastV4 < firstV6, $"IPv4 row at {lastV4} after the first IPv6 row at {firstV6}");
    }

    private static List<Connection> Read(ConnectionQuery query, out WarningCollector warnings)
    {
        var rows = new List<Connection>();
        warnings = new WarningCollector();
        new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink).Read(query, rows, warnings);
        return rows;
    }

    private List<Connection> Ours(List<Connection> all)
    {
        var keys = this.held.Sockets.ToHashSet();
        return all.Where(c => keys.Contains(HeldSockets.KeyOf(c)) ||
                              (IPAddress.IsLoopback(c.GetLocalIPAddress()!) || c.LocalAddress is "::" or "::ffff:127.0.0.1") &&
                              (this.ownPorts.Contains(c.LocalPort!.Value) || this.ownPorts.Contains(c.RemotePort!.Value)))
            .ToList();
    }
}
