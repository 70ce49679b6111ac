using System;

namespace NetstatPS;

/// <summary>
/// The one exception a decoder throws for input it cannot read (truncated, corrupted, not the format
/// it decodes). Anything else escaping a decoder is a bug.
/// </summary>
public sealed class NetstatDecodeException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public NetstatDecodeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the input.</param>
    public NetstatDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the input.</param>
    /// <param name="innerException">The cause.</param>
    public NetstatDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
