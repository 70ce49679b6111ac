using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>
/// An owner resolver that can read only the processes -ProcessId and -ProcessName select (Linux: their
/// /proc/[pid]/fd tables instead of every process's), where owners are found by walking processes
/// rather than given by the socket table.
/// </summary>
internal interface ISelectiveOwnerResolver
{
    /// <summary>
    /// Sets owners on the rows the selected processes hold, every owner of each (other processes that
    /// share such a socket included); rows no selected process holds may be left without owners.
    /// </summary>
    /// <param name="connections">The rows that survived the address and port filters.</param>
    /// <param name="query">The query, for its ProcessIds and ProcessNames.</param>
    /// <param name="warnings">Where warnings go.</param>
    void ResolveSelected(IReadOnlyList<Connection> connections, ConnectionQuery query, WarningCollector warnings);
}
