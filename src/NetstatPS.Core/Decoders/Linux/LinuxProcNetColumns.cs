namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Where each field of a /proc/net/{tcp,tcp6,udp,udp6} data line is, found from the header line
/// (the header's "tx_queue rx_queue" and "tr tm->when" are one data token each).
/// </summary>
internal readonly struct LinuxProcNetColumns
{
    /// <summary>Creates a column map (token indexes in a data line).</summary>
    public LinuxProcNetColumns(int local, int remote, int state, int queues, int timer, int retransmits, int uid, int timeout, int inode)
    {
        this.Local = local;
        this.Remote = remote;
        this.State = state;
        this.Queues = queues;
        this.Timer = timer;
        this.Retransmits = retransmits;
        this.Uid = uid;
        this.Timeout = timeout;
        this.Inode = inode;
        this.Required = 1 + System.Math.Max(System.Math.Max(System.Math.Max(local, remote), System.Math.Max(state, queues)), System.Math.Max(System.Math.Max(timer, retransmits), System.Math.Max(System.Math.Max(uid, timeout), inode)));
    }

    /// <summary>local_address (ADDR:PORT, hex).</summary>
    public int Local { get; }

    /// <summary>rem_address (tcp, udp) or remote_address (tcp6, udp6).</summary>
    public int Remote { get; }

    /// <summary>st (hex).</summary>
    public int State { get; }

    /// <summary>tx_queue:rx_queue (hex).</summary>
    public int Queues { get; }

    /// <summary>tr:tm->when (hex; when in clock ticks).</summary>
    public int Timer { get; }

    /// <summary>retrnsmt (hex).</summary>
    public int Retransmits { get; }

    /// <summary>uid (decimal).</summary>
    public int Uid { get; }

    /// <summary>timeout: the probe count, icsk_probes_out (decimal).</summary>
    public int Timeout { get; }

    /// <summary>inode (decimal).</summary>
    public int Inode { get; }

    /// <summary>How many tokens a data line needs at least.</summary>
    public int Required { get; }
}
