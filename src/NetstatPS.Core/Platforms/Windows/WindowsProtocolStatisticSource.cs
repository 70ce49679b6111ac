using System.Collections.Generic;
using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Windows;

// PLACEHOLDER: replaced by the real provider in this same change set.
internal sealed class WindowsProtocolStatisticSource : IProtocolStatisticSource
{
    public void Read(List<ProtocolStatistic> into, WarningCollector warnings) => throw new System.PlatformNotSupportedException("PLACEHOLDER");
}
