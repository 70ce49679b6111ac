using System;
using System.IO;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Reads /proc and /sys files whole. They report a size of 0 and may vanish at any moment (an interface
/// deleted, IPv6 disabled): a missing or unreadable file is null, never an exception.
/// </summary>
internal static class LinuxFiles
{
    /// <summary>The file's bytes, or null when it cannot be read.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The bytes or null.</returns>
    public static byte[]? ReadAll(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            using var copy = new MemoryStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, n);
            }

            return copy.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // EINVAL on reading /sys/class/net/*/speed of a link that is down is an IOException too.
            return null;
        }
    }

    /// <summary>The file's text without the trailing newline, or null when it cannot be read.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The text or null.</returns>
    public static string? ReadText(string path)
    {
        byte[]? bytes = ReadAll(path);
        return bytes is null ? null : OsText.Decode(bytes).TrimEnd('\n', '\r', ' ', '\0');
    }

    /// <summary>The file's text as a signed number, or null.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The number or null.</returns>
    public static long? ReadNumber(string path)
    {
        string? text = ReadText(path);
        return text is not null && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long value) ? value : null;
    }
}
