namespace NetstatPS.Benchmarks;

/// <summary>One timed run of one command: wall time, rows it produced, or why it failed.</summary>
internal readonly record struct RunResult(double Milliseconds, long Rows, string? Error)
{
    public static RunResult Failed(string error) => new(double.NaN, 0, error);
}
