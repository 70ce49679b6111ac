using System;
using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>What Get-NetProtocolStatistic asks for.</summary>
public sealed class ProtocolQuery
{
    /// <summary>The protocols to return; empty means every protocol the OS counts.</summary>
    public IReadOnlyCollection<StatisticProtocol> Protocols { get; init; } = Array.Empty<StatisticProtocol>();
}
