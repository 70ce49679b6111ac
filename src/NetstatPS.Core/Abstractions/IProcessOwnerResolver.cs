using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Finds the processes that hold sockets (Linux: one /proc/*/fd walk; Windows: one process snapshot).</summary>
internal interface IProcessOwnerResolver
{
    /// <summary>
    /// Sets the owners of the given rows. Rows whose owner cannot be seen (another user's process
    /// without root) keep no owner, and one warning says how to see them.
    /// </summary>
    /// <param name="connections">The rows that survived the address and port filters.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Resolve(IReadOnlyList<Connection> connections, WarningCollector warnings);
}
