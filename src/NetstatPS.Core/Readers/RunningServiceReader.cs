using System.Collections.Generic;

namespace NetstatPS.Readers;

/// <summary>The services running on this machine now: what -Service completes from.</summary>
public static class RunningServiceReader
{
    /// <summary>Linux: the systemd units of every process; Windows: the active services' names.</summary>
    /// <returns>Service names, each once, in no particular order.</returns>
    public static IReadOnlyCollection<string> Read() => NetstatPlatform.Current.OwnerDetails.RunningServices();
}
