using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost owners [--no-kcmp] --port P…</c>: reads the TCP and UDP sockets on the given local
/// ports over netlink, resolves their owners with <see cref="LinuxProcessOwnerResolver"/> (--no-kcmp:
/// as where kcmp is refused) and prints {"Rows":[{Protocol,LocalPort,State,Owners}],"ThreadTablesWalked",
/// "Warnings"}, so tests can count, inside a PID namespace of their own, which thread tables the walk read.
/// </summary>
internal sealed class OwnersCommand : ITestHostCommand
{
    public string Name => "owners";

    public int Run(string[] args)
    {
        var parsed = new TestHostArgs(args, "--no-kcmp");
        var ports = parsed.All("--port").Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToHashSet();
        var rows = new List<Connection>();
        var warnings = new WarningCollector();
        new LinuxConnectionSource("/proc", LinuxConnectionPath.Netlink).Read(new ConnectionQuery(), rows, warnings);
        rows.RemoveAll(r => !(r.LocalPort is int port && ports.Contains(port)));
        var resolver = new LinuxProcessOwnerResolver("/proc", compareThreadTables: !parsed.Has("--no-kcmp"));
        resolver.Resolve(rows, warnings);
        JsonOutput.Write(new
        {
            Rows = rows.Select(r => new { r.Protocol, r.LocalPort, r.State, Owners = r.Owners.Select(o => new { o.ProcessId, o.Name }).ToList() }).ToList(),
            resolver.ThreadTablesWalked,
            Warnings = warnings.Items,
        });
        return 0;
    }
}
