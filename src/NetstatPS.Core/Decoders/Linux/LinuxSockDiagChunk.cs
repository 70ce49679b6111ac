namespace NetstatPS.Decoders.Linux;

/// <summary>The outcome of decoding one received netlink buffer of a sock_diag dump.</summary>
internal readonly struct LinuxSockDiagChunk
{
    /// <summary>Creates an outcome.</summary>
    /// <param name="status">Continue, Done or Error.</param>
    /// <param name="error">The errno of an Error (positive), else 0.</param>
    /// <param name="interrupted">True when a message carried NLM_F_DUMP_INTR (the table changed during the dump).</param>
    public LinuxSockDiagChunk(LinuxSockDiagStatus status, int error, bool interrupted)
    {
        this.Status = status;
        this.Error = error;
        this.Interrupted = interrupted;
    }

    /// <summary>Continue, Done or Error.</summary>
    public LinuxSockDiagStatus Status { get; }

    /// <summary>The errno the kernel reported (positive), 0 unless <see cref="Status"/> is Error.</summary>
    public int Error { get; }

    /// <summary>True when the kernel flagged the dump as interrupted (NLM_F_DUMP_INTR).</summary>
    public bool Interrupted { get; }
}
