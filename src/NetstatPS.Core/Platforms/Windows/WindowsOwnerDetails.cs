using System.Collections.Generic;
using System.Linq;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Windows owner details: the services each owner hosts (the svchost case, as netstat -b names them),
/// from ONE service-table snapshot per call mapped by process id, and on request the command line.
/// </summary>
/// <remarks>
/// The snapshot is used rather than per-connection service tags (GetOwnerModuleFromTcpEntry's
/// TCPIP_OWNER_MODULE_INFO_BASIC, which netstat -b calls): a tag names the one service that opened the
/// socket, but it needs elevation and a call per row, and it is missing for UDP on some iphlpapi
/// versions. Since Windows 10 1703 most services run in a svchost of their own, so the process's
/// services are usually exactly one.
/// </remarks>
internal sealed class WindowsOwnerDetails : IOwnerDetailSource
{
    /// <inheritdoc />
    public void Describe(IReadOnlyList<ProcessOwner> owners, bool commandLine, WarningCollector warnings)
    {
        if (owners.Count == 0)
        {
            return;
        }

        Dictionary<int, (string[] Names, string[] DisplayNames)> byProcess = WindowsServicesByProcess.Map(WindowsServiceTable.Snapshot());
        foreach (ProcessOwner owner in owners)
        {
            if (byProcess.TryGetValue(owner.ProcessId, out (string[] Names, string[] DisplayNames) hosted))
            {
                owner.Services = hosted.Names;
                owner.ServiceDisplayNames = hosted.DisplayNames;
            }

            if (commandLine)
            {
                owner.CommandLine = WindowsCommandLine.Read(owner.ProcessId);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> RunningServices() => WindowsServiceTable.Snapshot().Select(s => s.Name).Distinct().ToList();
}
