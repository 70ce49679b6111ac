namespace NetstatPS.Abstractions;

/// <summary>
/// Something the OS refused for one target of a query, such as a route lookup for an address it cannot
/// reach. The cmdlets write each as a non-terminating error; the other rows are still written.
/// </summary>
public sealed class QueryFailure
{
    /// <summary>Creates a failure.</summary>
    /// <param name="errorId">The FullyQualifiedErrorId stem (NoRoute).</param>
    /// <param name="target">What failed, as the user gave it (the address).</param>
    /// <param name="message">The message naming the target and the OS's reason.</param>
    public QueryFailure(string errorId, string target, string message)
    {
        this.ErrorId = errorId;
        this.Target = target;
        this.Message = message;
    }

    /// <summary>The FullyQualifiedErrorId stem.</summary>
    public string ErrorId { get; }

    /// <summary>What failed.</summary>
    public string Target { get; }

    /// <summary>The message.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => this.Message;
}
