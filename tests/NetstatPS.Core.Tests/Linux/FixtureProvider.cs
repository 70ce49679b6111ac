using System;
using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// A Linux provider whose route, interface and protocol sources read the captured fixture files (the
/// /proc fallbacks), so the OS-independent readers can be tested on real data.
/// </summary>
internal sealed class FixtureProvider : INetstatProvider
{
    public FixtureProvider()
    {
        string procNet = Path.Combine(Path.GetTempPath(), "nsps-fixture-procnet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(procNet);
        File.Copy(LinuxTestSupport.Fixture("routes", "proc-net-route"), Path.Combine(procNet, "route"));
        File.Copy(LinuxTestSupport.Fixture("routes", "proc-net-ipv6_route"), Path.Combine(procNet, "ipv6_route"));
        File.Copy(LinuxTestSupport.Fixture("interfaces", "proc-net-dev"), Path.Combine(procNet, "dev"));
        foreach (string f in new[] { "snmp", "snmp6", "netstat" })
        {
            File.Copy(LinuxTestSupport.Fixture("protocols", f), Path.Combine(procNet, f));
        }

        string sys = LinuxTestSupport.Fixture("interfaces", "sys-class-net");
        Func<string, int?> index = name => File.Exists(Path.Combine(sys, name, "ifindex")) ? int.Parse(File.ReadAllText(Path.Combine(sys, name, "ifindex")).Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;
        this.Routes = new LinuxRouteSource(procNet, forceFallback: true, index);
        this.Interfaces = new LinuxInterfaceStatisticSource(procNet, sys, forceFallback: true, index);
        this.Protocols = new LinuxProtocolStatisticSource(procNet, Path.Combine(procNet, "no-sysctl"));
        File.Copy(LinuxTestSupport.Fixture("multicast", "igmp"), Path.Combine(procNet, "igmp"));
        File.Copy(LinuxTestSupport.Fixture("multicast", "igmp6"), Path.Combine(procNet, "igmp6"));
        this.Multicast = new LinuxMulticastSource(procNet);
    }

    public string PlatformName => "Linux fixtures";

    public IConnectionSource Connections => throw new NotSupportedException("no connection fixtures here");

    public IProcessOwnerResolver Owners => throw new NotSupportedException("no connection fixtures here");

    public IOwnerDetailSource OwnerDetails => throw new NotSupportedException("no connection fixtures here");

    public IRouteSource Routes { get; }

    public IInterfaceStatisticSource Interfaces { get; }

    public IProtocolStatisticSource Protocols { get; }

    public IMulticastSource Multicast { get; }

    public IConnectionCloser Closer { get; } = new LinuxConnectionCloser();
}
