namespace NetstatPS;

/// <summary>What happened to a socket between two samples (TCPView's green, red and yellow).</summary>
public enum ConnectionChangeType
{
    /// <summary>The socket appeared.</summary>
    Added = 1,

    /// <summary>The socket is gone.</summary>
    Removed = 2,

    /// <summary>The socket is still there in another state.</summary>
    StateChanged = 3,
}
