using System;
using System.Collections.Generic;

namespace NetstatPS.Abstractions;

/// <summary>What a query returns: the rows, the warnings for the caller to show once, and the explicit names that matched nothing.</summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class QueryResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="items">The rows.</param>
    /// <param name="warnings">Distinct warnings, each to be shown once.</param>
    /// <param name="unmatchedNames">Explicit (non-wildcard) names given by the caller that matched nothing.</param>
    public QueryResult(IReadOnlyList<T> items, IReadOnlyList<string> warnings, IReadOnlyList<string>? unmatchedNames = null)
    {
        this.Items = items;
        this.Warnings = warnings;
        this.UnmatchedNames = unmatchedNames ?? Array.Empty<string>();
    }

    /// <summary>The rows.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Warnings to show once per call (missing privileges, partial data).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Explicit names that matched nothing (for a non-terminating ObjectNotFound error each).</summary>
    public IReadOnlyList<string> UnmatchedNames { get; }
}
