using System.Collections.Generic;
using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Linux;

// PLACEHOLDER: replaced by the real provider in this same change set.
internal sealed class LinuxRouteSource : IRouteSource
{
    public void Read(RouteQuery query, List<Route> into, WarningCollector warnings) => throw new System.PlatformNotSupportedException("PLACEHOLDER");
}
