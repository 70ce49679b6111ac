using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Reads interfaces and their counters (one implementation per OS).</summary>
internal interface IInterfaceStatisticSource
{
    /// <summary>Appends every interface to <paramref name="into"/>, ordered by index.</summary>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Read(List<InterfaceStatistic> into, WarningCollector warnings);
}
