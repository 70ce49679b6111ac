namespace NetstatPS;

/// <summary>
/// A socket's memory accounting, what <c>ss -m</c> prints as skmem:(r,rb,t,tb,f,w,o,bl,d) (Linux:
/// the INET_DIAG_SKMEMINFO array of SK_MEMINFO_* values). All values are bytes except
/// <see cref="Drops"/>, a packet count. A value the kernel's array is too short to carry (kernels
/// before 3.6 send fewer fields) is null.
/// </summary>
public sealed class SocketMemory
{
    /// <summary>Memory held by data received and not yet read (ss: r, rmem_alloc).</summary>
    public long? ReceiveAllocation { get; internal set; }

    /// <summary>The receive buffer limit, SO_RCVBUF as the kernel doubled it (ss: rb, rcvbuf).</summary>
    public long? ReceiveBuffer { get; internal set; }

    /// <summary>Memory held by data handed to the IP layer and not yet freed (ss: t, wmem_alloc).</summary>
    public long? SendAllocation { get; internal set; }

    /// <summary>The send buffer limit, SO_SNDBUF as the kernel doubled it (ss: tb, sndbuf).</summary>
    public long? SendBuffer { get; internal set; }

    /// <summary>Memory reserved by the socket and not yet used for data (ss: f, forward_alloc).</summary>
    public long? ForwardAllocation { get; internal set; }

    /// <summary>Memory held by data queued for sending, sent or not (ss: w, wmem_queued).</summary>
    public long? WriteQueued { get; internal set; }

    /// <summary>Memory held by socket options and ancillary data (ss: o, optmem).</summary>
    public long? OptionMemory { get; internal set; }

    /// <summary>Bytes waiting in the socket backlog while its owner held the lock (ss: bl, backlog).</summary>
    public long? Backlog { get; internal set; }

    /// <summary>Packets dropped before they reached the socket's queue (ss: d, drops).</summary>
    public long? Drops { get; internal set; }
}
