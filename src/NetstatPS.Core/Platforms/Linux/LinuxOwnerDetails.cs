using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Reads /proc/[pid]/cgroup (and, when asked, /proc/[pid]/cmdline) once per owning process, after the
/// fd walk found the owners: the cost grows with the processes that hold wanted sockets, not with the
/// sockets. Both files are readable for every process, so an owner the walk could see always gets its
/// unit; a process that exits in between keeps nulls.
/// </summary>
/// <remarks>
/// sock_diag's INET_DIAG_CGROUP_ID is not used: it is the cgroup v2 id of the process that CREATED the
/// socket, fixed at socket(). Measured here: a listener whose process was moved into
/// nsps-test-….service after socket() still shows cgroup "/" in ss --cgroup, while /proc/PID/cgroup
/// names the unit; and a socket-activated service's listener is created by PID 1, so it would name
/// init.scope, not the service. It also needs a walk of the cgroup2 tree to turn ids into paths. The
/// holder's cgroup is what "who owns it" asks, so owners are read from /proc, once per process.
/// </remarks>
internal sealed class LinuxOwnerDetails : IOwnerDetailSource
{
    private readonly string procRoot;

    /// <summary>Reads this machine's /proc.</summary>
    public LinuxOwnerDetails()
        : this("/proc")
    {
    }

    /// <summary>Reads the proc mount at <paramref name="procRoot"/>.</summary>
    /// <param name="procRoot">Where proc is mounted.</param>
    internal LinuxOwnerDetails(string procRoot) => this.procRoot = procRoot;

    /// <inheritdoc />
    public void Describe(IReadOnlyList<ProcessOwner> owners, bool commandLine, WarningCollector warnings)
    {
        foreach (ProcessOwner owner in owners)
        {
            string directory = Path.Combine(this.procRoot, owner.ProcessId.ToString(CultureInfo.InvariantCulture));
            byte[]? cgroup = LinuxFiles.ReadAll(Path.Combine(directory, "cgroup"));
            if (cgroup is not null)
            {
                CgroupIdentity identity = LinuxCgroupDecoder.Decode(cgroup);
                owner.Cgroup = ReferenceEquals(identity, CgroupIdentity.None) ? null : identity;
            }

            if (commandLine && LinuxFiles.ReadAll(Path.Combine(directory, "cmdline")) is byte[] arguments)
            {
                owner.CommandLine = LinuxCommandLineDecoder.Decode(arguments);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> RunningServices()
    {
        var units = new HashSet<string>(StringComparer.Ordinal);
        string[] entries;
        try
        {
            entries = Directory.GetDirectories(this.procRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return units;
        }

        foreach (string directory in entries)
        {
            string name = Path.GetFileName(directory);
            if (name.Length == 0 || name[0] < '0' || name[0] > '9')
            {
                continue;
            }

            if (LinuxFiles.ReadAll(Path.Combine(directory, "cgroup")) is byte[] cgroup && LinuxCgroupDecoder.Decode(cgroup).Unit is string unit)
            {
                units.Add(unit);
            }
        }

        return units;
    }
}
