using System.Collections.Generic;

namespace NetstatPS.Platforms.Linux;

/// <summary>One /proc walk worker's reusable buffers: getdents64 records and the thread ids of the process at hand.</summary>
internal sealed class LinuxWalkBuffers
{
    private const int DirentBufferSize = 32 * 1024;

    /// <summary>Creates the buffers.</summary>
    /// <param name="useGetDents">False where libc has no getdents64 (directories are then listed by .NET).</param>
    public LinuxWalkBuffers(bool useGetDents) => this.Dents = useGetDents ? new byte[DirentBufferSize] : null;

    /// <summary>The getdents64 buffer; null where the managed listing is used.</summary>
    public byte[]? Dents { get; }

    /// <summary>Thread ids of the process being walked.</summary>
    public List<int> Tasks { get; } = new();

    /// <summary>Threads of that process whose own tables were walked already (each table is walked once).</summary>
    public List<int> Walked { get; } = new();
}
