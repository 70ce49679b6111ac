using System.Collections.Generic;
using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Windows;

/// <summary>Windows owner details: the services each owner hosts, from one service-table snapshot per call.</summary>
internal sealed class WindowsOwnerDetails : IOwnerDetailSource
{
    /// <inheritdoc />
    public void Describe(IReadOnlyList<ProcessOwner> owners, bool commandLine, WarningCollector warnings)
    {
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> RunningServices() => System.Array.Empty<string>();
}
