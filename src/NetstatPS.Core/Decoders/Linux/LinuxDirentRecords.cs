using System;
using System.Runtime.CompilerServices;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Walks the records getdents64 wrote into a buffer: struct linux_dirent64 is u64 d_ino, s64 d_off,
/// u16 d_reclen, u8 d_type, then the NUL-terminated name. One walker for every directory the owner
/// lookup lists (/proc, a process's fd table, a process's task list).
/// </summary>
internal static unsafe class LinuxDirentRecords
{
    /// <summary>Where d_name starts in a record.</summary>
    public const int NameOffset = 19;

    /// <summary>
    /// Steps to the next record of <c>buffer[0..length)</c>. Returns false at the end of the batch;
    /// a malformed record also returns false and sets <paramref name="at"/> to -1, telling the caller
    /// to stop reading the directory rather than ask getdents64 for more.
    /// </summary>
    /// <param name="buffer">What getdents64 wrote.</param>
    /// <param name="length">How many bytes it wrote.</param>
    /// <param name="at">The offset of the next record; advanced past the one returned.</param>
    /// <param name="entry">The record.</param>
    /// <param name="recordLength">Its d_reclen.</param>
    /// <returns>Whether a record was returned.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNext(byte* buffer, long length, ref long at, out byte* entry, out int recordLength)
    {
        entry = null;
        recordLength = 0;
        if (at + NameOffset >= length)
        {
            return false;
        }

        byte* e = buffer + at;
        ushort reclen = *(ushort*)(e + 16);
        if (reclen < NameOffset + 1 || at + reclen > length)
        {
            at = -1;
            return false;
        }

        at += reclen;
        entry = e;
        recordLength = reclen;
        return true;
    }

    /// <summary>The record's name without its terminating NUL.</summary>
    /// <param name="entry">A record from <see cref="TryNext"/>.</param>
    /// <param name="recordLength">Its d_reclen.</param>
    /// <returns>The name.</returns>
    public static ReadOnlySpan<byte> Name(byte* entry, int recordLength)
    {
        var name = new ReadOnlySpan<byte>(entry + NameOffset, recordLength - NameOffset);
        int end = name.IndexOf((byte)0);
        return end >= 0 ? name.Slice(0, end) : name;
    }
}
