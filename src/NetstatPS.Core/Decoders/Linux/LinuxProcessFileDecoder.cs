using System;
using System.Buffers.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes the small per-process /proc files the owner walk reads: the target of a /proc/[pid]/fd
/// link ("socket:[12345]"), /proc/[pid]/comm and the Uid line of /proc/[pid]/status.
/// </summary>
internal static class LinuxProcessFileDecoder
{
    /// <summary>The inode of a socket link target ("socket:[12345]"); false for anything else (files, pipes, anon inodes).</summary>
    /// <param name="link">What readlink returned.</param>
    /// <param name="inode">The socket inode.</param>
    /// <returns>Whether the link is a socket.</returns>
    public static bool TryParseSocketInode(ReadOnlySpan<byte> link, out ulong inode)
    {
        inode = 0;
        if (link.Length < 10 || link[link.Length - 1] != (byte)']' || !link.StartsWith("socket:["u8))
        {
            return false;
        }

        ReadOnlySpan<byte> digits = link.Slice(8, link.Length - 9);
        return Utf8Parser.TryParse(digits, out inode, out int used) && used == digits.Length;
    }

    /// <summary>The process name from /proc/[pid]/comm (without the newline the kernel appends); null when empty.</summary>
    /// <param name="comm">The file's bytes.</param>
    /// <returns>The name or null.</returns>
    public static string? DecodeName(ReadOnlySpan<byte> comm)
    {
        // Only the last newline is the kernel's: a name set with prctl(PR_SET_NAME) may hold newlines itself.
        if (!comm.IsEmpty && comm[comm.Length - 1] == (byte)'\n')
        {
            comm = comm.Slice(0, comm.Length - 1);
        }

        return comm.IsEmpty ? null : OsText.Decode(comm);
    }

    /// <summary>The real user id from /proc/[pid]/status ("Uid:\treal\teffective\tsaved\tfs"); null when absent.</summary>
    /// <param name="status">The file's bytes (at least up to the Uid line).</param>
    /// <returns>The real uid, or null.</returns>
    public static int? DecodeRealUserId(ReadOnlySpan<byte> status)
    {
        while (!status.IsEmpty)
        {
            int newline = status.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline >= 0 ? status.Slice(0, newline) : status;
            status = newline >= 0 ? status.Slice(newline + 1) : default;
            if (!line.StartsWith("Uid:"u8))
            {
                continue;
            }

            ReadOnlySpan<byte> value = LinuxProcNetDecoder.TrimSpaces(line.Slice(4));
            return Utf8Parser.TryParse(value, out uint uid, out int used) && used > 0 ? (int)uid : null;
        }

        return null;
    }
}
