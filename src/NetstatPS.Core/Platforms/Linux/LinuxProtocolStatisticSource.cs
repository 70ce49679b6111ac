using System.Collections.Generic;
using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Linux;

// PLACEHOLDER: replaced by the real provider in this same change set.
internal sealed class LinuxProtocolStatisticSource : IProtocolStatisticSource
{
    public void Read(List<ProtocolStatistic> into, WarningCollector warnings) => throw new System.PlatformNotSupportedException("PLACEHOLDER");
}
