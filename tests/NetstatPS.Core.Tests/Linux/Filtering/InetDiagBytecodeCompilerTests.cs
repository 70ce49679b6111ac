using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using NetstatPS.Abstractions;
using NetstatPS.Core.Tests.Common;
using NetstatPS.Filtering;
using NetstatPS.Filtering.Linux;
using NetstatPS.Readers;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Filtering;

/// <summary>The bytes of the endpoint filter program, and its meaning in a model of the kernel against the C# filter.</summary>
public class InetDiagBytecodeCompilerTests
{
    private static readonly string[] Addresses =
    {
        "127.0.0.1", "127.0.0.2", "10.1.2.3", "10.200.0.9", "192.168.1.10", "0.0.0.0",
        "::1", "::", "fe80::1", "2001:db8::5", "2001:db8:1::7", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:192.168.1.10",
    };

    private static readonly string[] Filters =
    {
        "127.0.0.1", "127.0.0.0/8", "10.0.0.0/8", "10.1.2.0/23", "10.1.2.3/32", "0.0.0.0/0", "192.168.1.10", "0.0.0.0",
        "::1", "::/0", "2001:db8::/32", "2001:db8::/48", "fe80::/10", "::ffff:10.0.0.0/104", "::ffff:127.0.0.1", "::",
    };

    private static readonly int[] Ports = { 0, 22, 80, 443, 20000, 65535 };

    [Fact]
    public void NoEndpointFilterMeansNoProgram()
    {
        Assert.Null(InetDiagBytecodeCompiler.Compile(new ConnectionQuery(), IPAddressFamily.IPv4));
        Assert.Null(InetDiagBytecodeCompiler.Compile(new ConnectionQuery { States = new[] { ConnectionState.Listen }, ProcessIds = new[] { 1 } }, IPAddressFamily.IPv6));
    }

    [Fact]
    public void OneLocalPortIsOneSourceHostCondition()
    {
        byte[] program = InetDiagBytecodeCompiler.Compile(new ConnectionQuery { LocalPorts = new[] { 443 } }, IPAddressFamily.IPv4)!.Program!;

        // S_COND, yes 12 (op + hostcond), no 16 (past the end: reject); AF_UNSPEC, prefix 0, port 443 (0x01BB) host order.
        Assert.Equal(new byte[] { 7, 12, 16, 0, 0, 0, 0, 0, 0xBB, 0x01, 0, 0 }, program);
    }

    [Fact]
    public void TwoRemotePortsAndAPrefixAreLaidOutWithAJump()
    {
        var query = new ConnectionQuery { RemotePorts = new[] { 80, 8080 }, LocalAddresses = new[] { AddressFilter.Parse("10.0.0.0/8") } };
        byte[] program = InetDiagBytecodeCompiler.Compile(query, IPAddressFamily.IPv4)!.Program!;
        byte[] expected =
        {
            8, 12, 16, 0, 0, 0, 0, 0, 80, 0, 0, 0,          // D_COND port 80: yes → the jump, no → port 8080
            1, 4, 16, 0,                                     // JMP: over port 8080 to the address
            8, 12, 32, 0, 0, 0, 0, 0, 0x90, 0x1F, 0, 0,      // D_COND port 8080: no → past the end (12 + 16 + 4)
            7, 16, 20, 0, 2, 8, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 10, 0, 0, 0, // S_COND AF_INET 10/8, port -1; no → past the end
        };
        Assert.Equal(expected, program);
        Assert.True(InetDiagKernelModel.Audit(program));
    }

    [Fact]
    public void AnIPv6PrefixAloneMatchesNothingInAnIPv4Dump()
    {
        var query = new ConnectionQuery { LocalAddresses = new[] { AddressFilter.Parse("::1") } };
        Assert.Same(InetDiagBytecode.MatchesNothing, InetDiagBytecodeCompiler.Compile(query, IPAddressFamily.IPv4));
        Assert.NotNull(InetDiagBytecodeCompiler.Compile(query, IPAddressFamily.IPv6)!.Program);
    }

    [Fact]
    public void TooManyValuesForOneAttributeAreLeftToTheCSharpFilter()
    {
        var query = new ConnectionQuery { LocalPorts = Enumerable.Range(1, 4200).ToArray() };
        Assert.Same(InetDiagBytecode.TooLong, InetDiagBytecodeCompiler.Compile(query, IPAddressFamily.IPv4));
        var fits = new ConnectionQuery { LocalPorts = Enumerable.Range(1, 4000).ToArray() };
        byte[] program = InetDiagBytecodeCompiler.Compile(fits, IPAddressFamily.IPv4)!.Program!;
        Assert.True(program.Length <= InetDiagBytecodeCompiler.MaxProgramLength);
        Assert.True(InetDiagKernelModel.Audit(program));
    }

    [Fact]
    public void RandomFiltersPassTheAuditAndSelectWhatTheCSharpFilterSelects()
    {
        Gen<int[]> ports = Gen.Elements(Ports).ArrayOf().Select(a => a.Take(4).ToArray());
        Gen<string[]> filters = Gen.Elements(Filters).ArrayOf().Select(a => a.Take(4).ToArray());
        Gen<(int[], int[], string[], string[])> queries = from lp in ports from rp in ports from la in filters from ra in filters select (lp, rp, la, ra);
        Prop.ForAll(queries.ToArbitrary(), q =>
        {
            var query = new ConnectionQuery
            {
                LocalPorts = q.Item1,
                RemotePorts = q.Item2,
                LocalAddresses = q.Item3.Select(AddressFilter.Parse).ToArray(),
                RemoteAddresses = q.Item4.Select(AddressFilter.Parse).ToArray(),
            };

            foreach (IPAddressFamily family in new[] { IPAddressFamily.IPv4, IPAddressFamily.IPv6 })
            {
                InetDiagBytecode? compiled = InetDiagBytecodeCompiler.Compile(query, family);
                if (compiled?.Program is byte[] program && !InetDiagKernelModel.Audit(program))
                {
                    return false;
                }

                foreach (Connection row in Rows(family))
                {
                    bool csharp = ConnectionFilter.MatchesEndpoints(query, row);
                    bool kernel = compiled is null || (!compiled.IsEmptyMatch && InetDiagKernelModel.Run(
                        compiled.Program!, row.GetLocalIPAddress()!, row.LocalPort!.Value, row.GetRemoteIPAddress()!, row.RemotePort!.Value));
                    if (compiled is null && query.LocalPorts.Count + query.RemotePorts.Count + query.LocalAddresses.Count + query.RemoteAddresses.Count > 0)
                    {
                        return false;
                    }

                    if (csharp != kernel)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static IEnumerable<Connection> Rows(IPAddressFamily family)
    {
        string[] addresses = Addresses.Where(a => a.Contains(':') == (family == IPAddressFamily.IPv6)).ToArray();
        int i = 0;
        foreach (string local in addresses)
        {
            foreach (string remote in addresses)
            {
                int lp = Ports[i % Ports.Length], rp = Ports[(i / Ports.Length) % Ports.Length];
                i++;
                yield return ConnectionReaderTests.Row(TransportProtocol.Tcp, local, lp, remote, rp, ConnectionState.Established);
                yield return ConnectionReaderTests.Row(TransportProtocol.Udp, local, rp, remote, lp, ConnectionState.Established);
            }
        }
    }
}
