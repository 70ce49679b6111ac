using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>Reads multicast group memberships (one implementation per OS).</summary>
internal interface IMulticastSource
{
    /// <summary>Appends every membership to <paramref name="into"/>, by interface index, IPv4 before IPv6.</summary>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Where warnings go.</param>
    void Read(List<MulticastMembership> into, WarningCollector warnings);
}
