namespace NetstatPS.Decoders.Windows;

/// <summary>One row of the service table: ENUM_SERVICE_STATUS_PROCESSW's names, state and process id.</summary>
internal sealed class WindowsServiceEntry
{
    /// <summary>Creates the row.</summary>
    /// <param name="name">The service name (CryptSvc).</param>
    /// <param name="displayName">The display name (Cryptographic Services).</param>
    /// <param name="processId">The hosting process; 0 when the service is not running.</param>
    /// <param name="state">SERVICE_STATUS_PROCESS.dwCurrentState (4 = SERVICE_RUNNING).</param>
    public WindowsServiceEntry(string name, string? displayName, int processId, uint state)
    {
        this.Name = name;
        this.DisplayName = displayName;
        this.ProcessId = processId;
        this.State = state;
    }

    /// <summary>The service name.</summary>
    public string Name { get; }

    /// <summary>The display name; null when the row has none.</summary>
    public string? DisplayName { get; }

    /// <summary>The hosting process id; 0 when not running.</summary>
    public int ProcessId { get; }

    /// <summary>The current state.</summary>
    public uint State { get; }
}
