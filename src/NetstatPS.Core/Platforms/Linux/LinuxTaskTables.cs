using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Which threads hold an fd table of their own (they called unshare(CLONE_FILES), or were cloned
/// without CLONE_FILES): /proc/[pid]/fd shows only the thread group leader's table, so sockets opened
/// in such a table are invisible there (and to ss). Finding them must cost next to nothing when no
/// thread does this, which is nearly always:
/// <list type="bullet">
/// <item>one statx of /proc/[pid]/task per process: its link count is 2 + the number of threads, so a
/// single-threaded process (most of them) costs that one call and nothing more;</item>
/// <item>for a multithreaded process, the task directory is listed and each thread compared with the
/// leader by kcmp(KCMP_FILES), a pointer comparison in the kernel. Only threads whose table differs
/// (and differs from every table already walked for this process) have their fd directory read.</item>
/// </list>
/// The kernel exposes nothing cheaper: /proc/[pid]/task/[tid]/fd has an inode of its own per thread
/// whether or not the table is shared, its size (Linux 6.2+) is a count of open descriptors that two
/// different tables may share, and comparing fdinfo sets costs a full walk. kcmp needs the same ptrace
/// read access as reading the fd directory; where it is refused (a seccomp profile without kcmp) or the
/// proc mount belongs to another PID namespace than the caller (kcmp takes the caller's ids),
/// <see cref="CanCompare"/> is false and the resolver walks every thread's table instead, but only when
/// the process walk left wanted sockets without an owner.
/// </summary>
internal static unsafe class LinuxTaskTables
{
    private const int PathBufferSize = 64;
    private static bool statxMissing;

    /// <summary>True when kcmp(KCMP_FILES) works here and the ids under <paramref name="procFd"/> are this process's namespace's.</summary>
    /// <param name="procFd">The open proc mount.</param>
    /// <returns>Whether thread tables can be compared.</returns>
    public static bool CanCompare(int procFd)
    {
        if (LibCTasks.KcmpSyscall == 0)
        {
            return false;
        }

        byte* self = stackalloc byte[] { (byte)'s', (byte)'e', (byte)'l', (byte)'f', 0 };
        byte* link = stackalloc byte[32];
        long n = LibCFiles.ReadLinkAt(procFd, self, link, (UIntPtr)32).ToInt64();
        int me = LibCTasks.GetProcessId();
        return n > 0 && TryParse(new ReadOnlySpan<byte>(link, (int)n), out int seen) && seen == me && LibCTasks.CompareFiles(me, me) == 0;
    }

    /// <summary>The number of threads of <paramref name="pid"/>: 0 when it is gone, -1 when statx cannot tell.</summary>
    /// <param name="procFd">The open proc mount.</param>
    /// <param name="pid">The process.</param>
    /// <returns>The thread count.</returns>
    public static int ThreadCount(int procFd, int pid)
    {
        if (statxMissing)
        {
            return -1;
        }

        byte* path = stackalloc byte[PathBufferSize];
        byte* statx = stackalloc byte[LibCTasks.StatxSize];
        Write(path, pid, -1, "task"u8);
        int rc;
        try
        {
            rc = LibCTasks.Statx(procFd, path, 0, LibCTasks.STATX_NLINK, statx);
        }
        catch (EntryPointNotFoundException)
        {
            // A libc before glibc 2.28: list every multithreaded candidate's task directory instead.
            statxMissing = true;
            return -1;
        }

        if (rc != 0)
        {
            return Marshal.GetLastWin32Error() == LibCTasks.ENOSYS ? -1 : 0;
        }

        uint links = *(uint*)(statx + LibCTasks.StatxNlinkOffset);
        return links >= 2 ? (int)(links - 2) : -1;
    }

    /// <summary>Appends the thread ids of <paramref name="pid"/> (the leader among them) to <paramref name="into"/>.</summary>
    /// <param name="procFd">The open proc mount.</param>
    /// <param name="procRoot">The proc mount's path, for the managed listing.</param>
    /// <param name="pid">The process.</param>
    /// <param name="dents">A getdents64 buffer, or null where libc has no getdents64.</param>
    /// <param name="into">Where the ids go.</param>
    public static void ListTasks(int procFd, string procRoot, int pid, byte[]? dents, List<int> into)
    {
        if (dents is null)
        {
            try
            {
                foreach (string dir in Directory.GetDirectories(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "task")))
                {
                    if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int tid))
                    {
                        into.Add(tid);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }

            return;
        }

        byte* path = stackalloc byte[PathBufferSize];
        Write(path, pid, -1, "task"u8);
        int dirFd = LibCFiles.OpenAt(procFd, path, LibCFiles.O_RDONLY | LibCFiles.O_DIRECTORY | LibCFiles.O_CLOEXEC);
        if (dirFd < 0)
        {
            return;
        }

        try
        {
            fixed (byte* buffer = dents)
            {
                while (true)
                {
                    long n = LibCFiles.GetDents64(dirFd, buffer, (UIntPtr)dents.Length).ToInt64();
                    if (n <= 0)
                    {
                        return;
                    }

                    long at = 0;
                    while (LinuxDirentRecords.TryNext(buffer, n, ref at, out byte* entry, out int recordLength))
                    {
                        if (TryParse(LinuxDirentRecords.Name(entry, recordLength), out int tid))
                        {
                            into.Add(tid);
                        }
                    }

                    if (at < 0)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            LibCFiles.Close(dirFd);
        }
    }

    /// <summary>True when the two tasks share one fd table; false when they do not or the answer is unknown (a task exited).</summary>
    /// <param name="a">A task id.</param>
    /// <param name="b">Another task id.</param>
    /// <returns>Whether the tables are one.</returns>
    public static bool Shares(int a, int b) => LibCTasks.CompareFiles(a, b) == 0;

    /// <summary>True when kcmp says the tables differ (errors, such as a thread that exited, count as not different).</summary>
    /// <param name="a">A task id.</param>
    /// <param name="b">Another task id.</param>
    /// <returns>Whether the tables are two.</returns>
    public static bool Differ(int a, int b) => LibCTasks.CompareFiles(a, b) > 0;

    /// <summary>Writes "&lt;pid&gt;/task/&lt;tid&gt;/fd\0" into <paramref name="path"/> (at least 64 bytes).</summary>
    /// <param name="path">The buffer.</param>
    /// <param name="pid">The process.</param>
    /// <param name="tid">The thread.</param>
    public static void WriteTaskFdPath(byte* path, int pid, int tid) => Write(path, pid, tid, "fd"u8);

    // "<pid>/<leaf>" or "<pid>/task/<tid>/<leaf>", NUL-terminated.
    private static void Write(byte* path, int pid, int tid, ReadOnlySpan<byte> leaf)
    {
        int at = Digits(path, 0, pid);
        path[at++] = (byte)'/';
        if (tid >= 0)
        {
            foreach (byte b in "task/"u8)
            {
                path[at++] = b;
            }

            at = Digits(path, at, tid);
            path[at++] = (byte)'/';
        }

        foreach (byte b in leaf)
        {
            path[at++] = b;
        }

        path[at] = 0;
    }

    private static int Digits(byte* path, int at, int value)
    {
        byte* digits = stackalloc byte[12];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + (value % 10));
            value /= 10;
        }
        while (value > 0);

        while (n > 0)
        {
            path[at++] = digits[--n];
        }

        return at;
    }

    private static bool TryParse(ReadOnlySpan<byte> name, out int id)
    {
        id = 0;
        if (name.IsEmpty || name.Length > 9)
        {
            return false;
        }

        foreach (byte b in name)
        {
            if (b < (byte)'0' || b > (byte)'9')
            {
                return false;
            }

            id = (id * 10) + (b - '0');
        }

        return true;
    }
}
