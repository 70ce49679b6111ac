using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Reads the OS's socket tables (one implementation per OS).</summary>
internal interface IConnectionSource
{
    /// <summary>
    /// Appends the sockets matching the query's protocols, families and states to <paramref name="into"/>,
    /// filtering in the kernel where the OS allows. Other filters may be applied early too; the caller
    /// re-applies none of them (see ConnectionReader). Fills <see cref="Connection.TcpInfo"/> when asked.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Read(ConnectionQuery query, List<Connection> into, WarningCollector warnings);
}
