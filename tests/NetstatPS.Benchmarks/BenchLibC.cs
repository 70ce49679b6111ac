using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Benchmarks;

/// <summary>libc calls for the /proc walk floor (blittable: pointers and ints).</summary>
internal static unsafe class BenchLibC
{
    public const int O_RDONLY = 0;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static extern int OpenAt(int directory, byte* path, int flags);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(byte* path, int flags);

    [DllImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    public static extern IntPtr ReadLinkAt(int directory, byte* path, byte* buffer, UIntPtr size);

    /// <summary>Fills the buffer with struct linux_dirent64 records (d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name[]).</summary>
    [DllImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static extern IntPtr GetDents64(int fd, byte* buffer, UIntPtr count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);
}
