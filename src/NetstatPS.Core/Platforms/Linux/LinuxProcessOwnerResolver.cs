using System.Collections.Generic;
using NetstatPS.Abstractions;

namespace NetstatPS.Platforms.Linux;

// PLACEHOLDER: replaced by the real provider in this same change set.
internal sealed class LinuxProcessOwnerResolver : IProcessOwnerResolver
{
    public void Resolve(IReadOnlyList<Connection> connections, WarningCollector warnings) => throw new System.PlatformNotSupportedException("PLACEHOLDER");
}
