using System;
using System.Collections.Generic;
using NetstatPS.Filtering;

namespace NetstatPS.Abstractions;

/// <summary>What Get-NetInterfaceStatistic asks for.</summary>
public sealed class InterfaceQuery
{
    /// <summary>Interface name patterns; empty means all. An explicit name matching nothing is reported back.</summary>
    public IReadOnlyList<NamePattern> Names { get; init; } = Array.Empty<NamePattern>();
}
