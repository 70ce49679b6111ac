namespace NetstatPS.Interop.Linux;

/// <summary>
/// The op codes of an INET_DIAG_REQ_BYTECODE program (enum in linux/inet_diag.h). Each op is
/// struct inet_diag_bc_op { u8 code; u8 yes; u16 no; }: the kernel moves <c>yes</c> bytes on when the
/// op holds and <c>no</c> bytes on when it does not; a socket is dumped when the walk ends exactly at
/// the program's end and skipped when it jumps past it.
/// </summary>
internal static class InetDiagBytecodeOp
{
    /// <summary>INET_DIAG_REQ_BYTECODE: the request attribute that carries the program.</summary>
    public const ushort RequestAttribute = 1;

    /// <summary>INET_DIAG_BC_JMP: never holds, so it always takes <c>no</c>.</summary>
    public const byte Jump = 1;

    /// <summary>INET_DIAG_BC_S_COND: the local end matches an inet_diag_hostcond.</summary>
    public const byte SourceCondition = 7;

    /// <summary>INET_DIAG_BC_D_COND: the remote end matches an inet_diag_hostcond.</summary>
    public const byte DestinationCondition = 8;

    /// <summary>sizeof(struct inet_diag_bc_op).</summary>
    public const int OpLength = 4;

    /// <summary>sizeof(struct inet_diag_hostcond) without its address: u8 family, u8 prefix_len, 2 bytes padding, int port.</summary>
    public const int HostConditionLength = 8;

    /// <summary>AF_UNSPEC in a hostcond: any family, no address (a port-only condition).</summary>
    public const byte FamilyAny = 0;

    /// <summary>AF_INET.</summary>
    public const byte FamilyInet = 2;

    /// <summary>AF_INET6.</summary>
    public const byte FamilyInet6 = 10;

    /// <summary>hostcond port meaning "any port".</summary>
    public const int AnyPort = -1;
}
