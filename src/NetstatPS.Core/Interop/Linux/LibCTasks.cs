using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>
/// The two calls that tell, cheaply, whether a thread has an fd table of its own: statx for the thread
/// count of /proc/[pid]/task (its link count is 2 + the number of threads) and kcmp(KCMP_FILES), the
/// kernel's own answer to "do these two tasks share one files_struct" (what CRIU uses). kcmp has no
/// libc wrapper; it is called through syscall(2) with the number of this architecture.
/// </summary>
internal static unsafe class LibCTasks
{
    /// <summary>KCMP_FILES: compare the tasks' file descriptor tables.</summary>
    public const int KCMP_FILES = 2;

    /// <summary>STATX_NLINK: want stx_nlink.</summary>
    public const uint STATX_NLINK = 0x4;

    /// <summary>sizeof(struct statx).</summary>
    public const int StatxSize = 256;

    /// <summary>Offset of the u32 stx_nlink in struct statx (after stx_mask, stx_blksize and stx_attributes).</summary>
    public const int StatxNlinkOffset = 16;

    /// <summary>ENOSYS.</summary>
    public const int ENOSYS = 38;

    /// <summary>ESRCH.</summary>
    public const int ESRCH = 3;

    private const string Library = "libc";

    /// <summary>The kcmp syscall number of this process's architecture; 0 where it is not known here.</summary>
    public static long KcmpSyscall { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 312,
        Architecture.Arm64 => 272,
        Architecture.X86 => 349,
        Architecture.Arm => 378,
        _ => 0,
    };

    /// <summary>kcmp(pid1, pid2, KCMP_FILES, 0, 0): 0 when both share one fd table, 1-3 when they do not, -1 with errno on error.</summary>
    /// <param name="pid1">A task id.</param>
    /// <param name="pid2">Another task id.</param>
    /// <returns>The kernel's answer.</returns>
    public static long CompareFiles(int pid1, int pid2) =>
        Syscall(KcmpSyscall, pid1, pid2, KCMP_FILES, 0, 0);

    /// <summary>statx (glibc 2.28+): the caller reads stx_nlink from the buffer.</summary>
    [DllImport(Library, EntryPoint = "statx", SetLastError = true)]
    public static extern int Statx(int directory, byte* path, int flags, uint mask, byte* buffer);

    /// <summary>getpid: this process's id in its own PID namespace.</summary>
    [DllImport(Library, EntryPoint = "getpid")]
    public static extern int GetProcessId();

    [DllImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, long a1, long a2, long a3, long a4, long a5);
}
