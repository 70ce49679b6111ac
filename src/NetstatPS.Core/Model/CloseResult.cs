namespace NetstatPS;

/// <summary>The answer to one close request: the outcome, and for anything but <see cref="CloseOutcome.Closed"/> a message saying why.</summary>
public sealed class CloseResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="outcome">What happened.</param>
    /// <param name="message">Why, as a clause that follows the connection ("Cannot close TCP …: not found: it closed in the meantime."); null for <see cref="CloseOutcome.Closed"/>.</param>
    /// <param name="nativeError">The OS's own error code (errno or Win32 error); null when the OS was not asked or said yes.</param>
    public CloseResult(CloseOutcome outcome, string? message, int? nativeError = null)
    {
        this.Outcome = outcome;
        this.Message = message;
        this.NativeError = nativeError;
    }

    /// <summary>The one "closed" answer.</summary>
    public static CloseResult Closed { get; } = new(CloseOutcome.Closed, null);

    /// <summary>What happened.</summary>
    public CloseOutcome Outcome { get; }

    /// <summary>Why it was not closed; null when it was.</summary>
    public string? Message { get; }

    /// <summary>The errno (Linux) or Win32 error (Windows) the OS answered; null when none.</summary>
    public int? NativeError { get; }

    /// <inheritdoc />
    public override string ToString() => this.Message ?? this.Outcome.ToString();
}
