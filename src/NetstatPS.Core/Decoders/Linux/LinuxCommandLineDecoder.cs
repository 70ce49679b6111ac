using System;

namespace NetstatPS.Decoders.Linux;

/// <summary>Decodes /proc/[pid]/cmdline: arguments separated (and ended) by NUL bytes, shown joined by spaces as ps -o args does.</summary>
internal static class LinuxCommandLineDecoder
{
    /// <summary>The command line; null when empty (kernel threads, zombies, a process that has exited).</summary>
    /// <param name="cmdline">The file's bytes.</param>
    /// <returns>The arguments joined by single spaces, or null.</returns>
    public static string? Decode(ReadOnlySpan<byte> cmdline)
    {
        while (!cmdline.IsEmpty && cmdline[cmdline.Length - 1] == 0)
        {
            cmdline = cmdline.Slice(0, cmdline.Length - 1);
        }

        if (cmdline.IsEmpty)
        {
            return null;
        }

        byte[] joined = cmdline.ToArray();
        for (int i = 0; i < joined.Length; i++)
        {
            if (joined[i] == 0)
            {
                joined[i] = (byte)' ';
            }
        }

        // Decoded as every /proc string is (OsText: bytes that are not UTF-8 kept as U+DC80..U+DCFF),
        // so a script can rebuild the exact bytes and the views escape them.
        return OsText.Decode(joined);
    }
}
