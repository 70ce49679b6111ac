using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>
/// The libc file calls of the /proc walk: openat, readlinkat and getdents64 relative to directory
/// descriptors, so no path strings are built per file descriptor (blittable; errno via SetLastError).
/// </summary>
internal static unsafe class LibCFiles
{
    /// <summary>O_RDONLY.</summary>
    public const int O_RDONLY = 0;

    /// <summary>O_DIRECTORY.</summary>
    public const int O_DIRECTORY = 0x10000;

    /// <summary>O_CLOEXEC.</summary>
    public const int O_CLOEXEC = 0x80000;

    /// <summary>EINTR.</summary>
    public const int EINTR = 4;

    /// <summary>EAGAIN.</summary>
    public const int EAGAIN = 11;

    /// <summary>EACCES.</summary>
    public const int EACCES = 13;

    /// <summary>EINVAL.</summary>
    public const int EINVAL = 22;

    /// <summary>EPERM.</summary>
    public const int EPERM = 1;

    private const string Library = "libc";

    [DllImport(Library, EntryPoint = "open", SetLastError = true)]
    public static extern int Open(byte* path, int flags);

    [DllImport(Library, EntryPoint = "openat", SetLastError = true)]
    public static extern int OpenAt(int directory, byte* path, int flags);

    [DllImport(Library, EntryPoint = "read", SetLastError = true)]
    public static extern IntPtr Read(int fd, byte* buffer, UIntPtr count);

    [DllImport(Library, EntryPoint = "readlinkat", SetLastError = true)]
    public static extern IntPtr ReadLinkAt(int directory, byte* path, byte* buffer, UIntPtr size);

    /// <summary>getdents64 (glibc 2.30+, musl): fills the buffer with struct linux_dirent64 records.</summary>
    [DllImport(Library, EntryPoint = "getdents64", SetLastError = true)]
    public static extern IntPtr GetDents64(int fd, byte* buffer, UIntPtr count);

    [DllImport(Library, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport(Library, EntryPoint = "geteuid")]
    public static extern uint GetEffectiveUserId();
}
