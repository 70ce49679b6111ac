using System.Collections.Generic;
using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Windows;

// PLACEHOLDER: replaced by the real provider in this same change set.
internal sealed class WindowsInterfaceStatisticSource : IInterfaceStatisticSource
{
    public void Read(List<InterfaceStatistic> into, WarningCollector warnings) => throw new System.PlatformNotSupportedException("PLACEHOLDER");
}
