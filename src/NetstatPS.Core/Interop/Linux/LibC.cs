using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>The few libc calls NetstatPS needs on Linux (blittable signatures for netstandard2.0).</summary>
internal static unsafe class LibC
{
    private const string Library = "libc";

    /// <summary>The name of a user id via getpwuid_r, or null when it has none.</summary>
    /// <param name="uid">The user id.</param>
    /// <returns>The user name, or null.</returns>
    public static string? GetUserName(int uid)
    {
        // struct passwd is 48 bytes on LP64 and begins with char *pw_name; 64 leaves room.
        byte* passwd = stackalloc byte[64];
        int size = 1024;
        while (size <= 1 << 20)
        {
            byte[] buffer = new byte[size];
            fixed (byte* buf = buffer)
            {
                IntPtr result;
                int rc = getpwuid_r((uint)uid, passwd, buf, (UIntPtr)size, &result);
                if (rc == 0)
                {
                    if (result == IntPtr.Zero)
                    {
                        return null;
                    }

                    // pw_name is bytes (a directory service may hold any): decoded without loss.
                    byte* name = *(byte**)passwd;
                    int length = 0;
                    while (name[length] != 0)
                    {
                        length++;
                    }

                    return OsText.Decode(new ReadOnlySpan<byte>(name, length));
                }

                const int ERANGE = 34;
                if (rc != ERANGE)
                {
                    return null;
                }
            }

            size *= 4;
        }

        return null;
    }

    [DllImport(Library, EntryPoint = "getpwuid_r")]
    private static extern int getpwuid_r(uint uid, byte* pwd, byte* buf, UIntPtr buflen, IntPtr* result);
}
