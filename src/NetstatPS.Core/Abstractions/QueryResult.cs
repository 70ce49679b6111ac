using System;
using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>What a query returns: the rows, the warnings for the caller to show once, the explicit names that matched nothing, and what the OS refused.</summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class QueryResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="items">The rows.</param>
    /// <param name="warnings">Distinct warnings, each to be shown once.</param>
    /// <param name="unmatchedNames">Explicit (non-wildcard) names given by the caller that matched nothing.</param>
    /// <param name="failures">What the OS refused (a destination it has no route to).</param>
    /// <param name="verbose">How the call was answered, for -Verbose (a kernel filter refused, …).</param>
    public QueryResult(IReadOnlyList<T> items, IReadOnlyList<string> warnings, IReadOnlyList<string>? unmatchedNames = null, IReadOnlyList<QueryFailure>? failures = null, IReadOnlyList<string>? verbose = null)
    {
        this.Verbose = verbose ?? Array.Empty<string>();
        this.Items = items;
        this.Warnings = warnings;
        this.UnmatchedNames = unmatchedNames ?? Array.Empty<string>();
        this.Failures = failures ?? Array.Empty<QueryFailure>();
    }

    /// <summary>The rows.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Warnings to show once per call (missing privileges, partial data).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Verbose messages to show once per call with -Verbose.</summary>
    public IReadOnlyList<string> Verbose { get; }

    /// <summary>Explicit names that matched nothing (for a non-terminating ObjectNotFound error each).</summary>
    public IReadOnlyList<string> UnmatchedNames { get; }

    /// <summary>What the OS refused in this sample (for a non-terminating error each, every sample).</summary>
    public IReadOnlyList<QueryFailure> Failures { get; }
}
