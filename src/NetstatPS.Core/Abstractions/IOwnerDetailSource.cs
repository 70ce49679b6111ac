using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>
/// Adds to owners what runs them (Linux: the systemd unit and container from /proc/[pid]/cgroup;
/// Windows: the hosted services from one service-table snapshot) and, when asked, their command lines.
/// Called after <see cref="IProcessOwnerResolver.Resolve"/>, once per call, with each owner once.
/// </summary>
internal interface IOwnerDetailSource
{
    /// <summary>Fills the details of <paramref name="owners"/>; what cannot be read stays null, never an error.</summary>
    /// <param name="owners">Distinct owners of the rows asked about.</param>
    /// <param name="commandLine">Also read each owner's command line.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Describe(IReadOnlyList<ProcessOwner> owners, bool commandLine, WarningCollector warnings);

    /// <summary>The services running now (Linux: the units of every process; Windows: active services), for tab completion.</summary>
    /// <returns>Service names, each once, in no particular order.</returns>
    IReadOnlyCollection<string> RunningServices();
}
