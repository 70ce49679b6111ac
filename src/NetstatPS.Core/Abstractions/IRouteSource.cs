using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Reads the routing tables (one implementation per OS).</summary>
internal interface IRouteSource
{
    /// <summary>Appends every route of the requested families and tables to <paramref name="into"/>.</summary>
    /// <param name="query">The query; sources honour AddressFamilies and Tables, RouteReader applies the rest.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Read(RouteQuery query, List<Route> into, WarningCollector warnings);
}
