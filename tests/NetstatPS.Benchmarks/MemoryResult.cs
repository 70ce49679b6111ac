namespace NetstatPS.Benchmarks;

/// <summary>Managed memory per returned row at one farm size.</summary>
/// <param name="Sockets">Farm size.</param>
/// <param name="Rows">Rows returned by the measured calls.</param>
/// <param name="RetainedPerRow">GC.GetTotalMemory(true) growth while holding ConnectionReader's result (owners included), per row.</param>
/// <param name="DecodeRetainedPerRow">The same for the bare decode (no owners) into a pre-sized list.</param>
/// <param name="DecodeAllocatedPerRow">Bytes allocated during that decode (all threads, precise), per row.</param>
/// <param name="DecodeThreadAllocatedPerRow">GC.GetAllocatedBytesForCurrentThread during that decode, per row.</param>
/// <param name="OwnersAllocatedPerRow">Bytes allocated by a whole ConnectionReader call with owners, per row.</param>
internal readonly record struct MemoryResult(
    int Sockets,
    int Rows,
    double RetainedPerRow,
    double DecodeRetainedPerRow,
    double DecodeAllocatedPerRow,
    double DecodeThreadAllocatedPerRow,
    double OwnersAllocatedPerRow)
{
    /// <summary>Garbage the decode loop leaves per row beyond the objects it returns.</summary>
    public double DecodeGarbagePerRow => this.DecodeAllocatedPerRow - this.DecodeRetainedPerRow;
}
