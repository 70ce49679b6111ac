using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Reads the routing tables and asks for the route to one address (one implementation per OS).</summary>
internal interface IRouteSource
{
    /// <summary>Appends every route of the requested families and tables to <paramref name="into"/>.</summary>
    /// <param name="query">The query; sources honour AddressFamilies and Tables, RouteReader applies the rest.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Read(RouteQuery query, List<Route> into, WarningCollector warnings);

    /// <summary>
    /// Asks the OS which route it would use for <see cref="RouteQuery.Destination"/>, from
    /// <see cref="RouteQuery.SourceAddress"/> and through the one interface of InterfaceNames or
    /// InterfaceIndexes when given. The source applies RouteQuery.Tables to the answer (empty: any table).
    /// </summary>
    /// <param name="query">The query, with Destination set.</param>
    /// <param name="warnings">Where warnings go.</param>
    /// <returns>The answer.</returns>
    RouteLookupAnswer Lookup(RouteQuery query, WarningCollector warnings);

    /// <summary>The routing table names this OS defines besides main, local and default (Linux: rt_tables); ordered by id.</summary>
    /// <returns>The names.</returns>
    IReadOnlyList<RouteTableName> TableNames();
}
