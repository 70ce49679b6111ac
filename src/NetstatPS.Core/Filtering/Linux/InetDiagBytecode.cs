namespace NetstatPS.Filtering.Linux;

/// <summary>
/// What <see cref="InetDiagBytecodeCompiler"/> made of a query's endpoint filters for one dump: a
/// program for the kernel, or the knowledge that no socket of that family can match (the dump is then
/// skipped), or that the filters are too many for one program (the dump runs unfiltered).
/// </summary>
internal sealed class InetDiagBytecode
{
    /// <summary>The dump can match nothing: an IPv6 address filter is the only choice of a parameter for an IPv4 dump.</summary>
    public static readonly InetDiagBytecode MatchesNothing = new(null, true, false);

    /// <summary>The program would exceed what one netlink attribute holds (16-bit lengths).</summary>
    public static readonly InetDiagBytecode TooLong = new(null, false, true);

    private InetDiagBytecode(byte[]? program, bool matchesNothing, bool tooLong)
    {
        this.Program = program;
        this.IsEmptyMatch = matchesNothing;
        this.IsTooLong = tooLong;
    }

    /// <summary>The program's bytes (struct inet_diag_bc_op and inet_diag_hostcond, host byte order but addresses), or null.</summary>
    public byte[]? Program { get; }

    /// <summary>True for <see cref="MatchesNothing"/>.</summary>
    public bool IsEmptyMatch { get; }

    /// <summary>True for <see cref="TooLong"/>.</summary>
    public bool IsTooLong { get; }

    /// <summary>A compiled program.</summary>
    /// <param name="program">Its bytes.</param>
    /// <returns>The result.</returns>
    public static InetDiagBytecode Of(byte[] program) => new(program, false, false);
}
