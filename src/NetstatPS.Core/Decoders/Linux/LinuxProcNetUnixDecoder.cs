using System;
using System.Collections.Generic;
using System.Text;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/unix, the fallback when unix_diag cannot be used, into the same rows as
/// <see cref="LinuxUnixDiagDecoder"/> for what the file says: type, state, inode and name. The file
/// has no queues, no peer and no owner uid, so ReceiveQueue, SendQueue, PeerInode and UserId are null.
/// </summary>
/// <remarks>
/// Each line is <c>%pK: %08X %08X %08X %04X %02X %5lu</c> (kernel address, refcount, protocol, flags,
/// type, socket state, inode), then a space and the name when bound; abstract names start with @ and
/// show each NUL as @, as ss does. The state column is struct socket's: SS_CONNECTED or SS_CONNECTING
/// mean TCP_ESTABLISHED; __SO_ACCEPTCON in the flags means TCP_LISTEN; anything else is TCP_CLOSE.
/// A name may contain spaces (kept) or even a newline: a line that does not start like a socket line
/// continues the previous socket's name.
/// </remarks>
/// <example>
/// <c>0000000055d84a63: 00000002 00000000 00010000 0001 01 2963004 /tmp/MSBuild637</c> gives Unix u_str
/// "/tmp/MSBuild637" Listen, inode 2963004.
/// </example>
internal static class LinuxProcNetUnixDecoder
{
    private const uint AcceptConnections = 0x10000;
    private const int SocketConnecting = 2;
    private const int SocketConnected = 3;

    /// <summary>Decodes the whole file, appending one row per socket.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="into">Where rows go.</param>
    /// <exception cref="NetstatDecodeException">The file is not /proc/net/unix or a line is malformed.</exception>
    public static void Decode(ReadOnlySpan<byte> file, List<Connection> into)
    {
        ReadOnlySpan<byte> rest = file;
        if (!LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> header) || !LinuxProcNetDecoder.TrimSpaces(header).StartsWith("Num"u8))
        {
            throw new NetstatDecodeException("/proc/net/unix: the first line is not the \"Num RefCount Protocol Flags Type St Inode Path\" header");
        }

        int first = into.Count;
        while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
        {
            if (LinuxProcText.IsBlankLine(line))
            {
                continue;
            }

            if (!StartsLikeSocket(line))
            {
                ContinueName(line, into, first);
                continue;
            }

            DecodeLine(line, into);
        }
    }

    private static void DecodeLine(ReadOnlySpan<byte> line, List<Connection> into)
    {
        ReadOnlySpan<byte> rest = line;
        LinuxProcText.NextField(ref rest, out _);
        ulong flags = Field(ref rest, hex: true, "Flags", skip: 2);
        int type = (int)Field(ref rest, hex: true, "Type");
        int socketState = (int)Field(ref rest, hex: true, "St");
        ulong inode = Field(ref rest, hex: false, "Inode");

        // One space separates the inode from the name; the name itself may hold spaces.
        string? name = rest.Length > 1 && rest[0] == (byte)' ' ? LinuxProcText.Text(rest.Slice(1)) : null;

        // Inode 0 is a connection not yet accepted (it has no struct socket); unix_diag skips such
        // sockets too, and the connecting side already shows the connection.
        System.Net.Sockets.SocketType? socketType = LinuxUnixDiagDecoder.TypeOf(type);
        if (socketType is null || inode == 0)
        {
            return;
        }

        int kernelState = (flags & AcceptConnections) != 0 ? LinuxSocketStates.Listen
            : socketState is SocketConnected or SocketConnecting ? LinuxSocketStates.Established
            : LinuxSocketStates.Close;
        into.Add(new Connection
        {
            Protocol = TransportProtocol.Unix,
            State = LinuxSocketStates.FromUnixKernel(kernelState, socketType.Value)!.Value,
            Source = LinuxProcNetDecoder.SourceName,
            Inode = (long)inode,
            Unix = new UnixSocketDetail(socketType.Value, name, null),
        });
    }

    /// <summary>Reads one numeric field after skipping <paramref name="skip"/> others.</summary>
    private static ulong Field(ref ReadOnlySpan<byte> rest, bool hex, string what, int skip = 0)
    {
        for (int i = 0; i < skip; i++)
        {
            LinuxProcText.NextField(ref rest, out _);
        }

        if (!LinuxProcText.NextField(ref rest, out ReadOnlySpan<byte> field))
        {
            throw new NetstatDecodeException($"/proc/net/unix: a line ends before its {what} column");
        }

        return hex ? LinuxProcText.ParseHex(field, "/proc/net/unix " + what) : LinuxProcText.ParseUInt64(field, "/proc/net/unix " + what);
    }

    /// <summary>True when the line starts with the kernel address token: hex digits and a colon.</summary>
    private static bool StartsLikeSocket(ReadOnlySpan<byte> line)
    {
        int i = 0;
        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        int start = i;
        while (i < line.Length && IsHexDigit(line[i]))
        {
            i++;
        }

        return i > start && i < line.Length && line[i] == (byte)':';
    }

    private static bool IsHexDigit(byte b) =>
        (b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'a' && b <= (byte)'f') || (b >= (byte)'A' && b <= (byte)'F');

    /// <summary>A name with a newline in it: the line is the rest of the previous socket's name.</summary>
    private static void ContinueName(ReadOnlySpan<byte> line, List<Connection> into, int first)
    {
        if (into.Count == first || into[into.Count - 1].Unix is not UnixSocketDetail previous || previous.Path is null)
        {
            throw new NetstatDecodeException("/proc/net/unix: a line is neither a socket nor the rest of a socket's name");
        }

        Connection c = into[into.Count - 1];
        c.Unix = new UnixSocketDetail(previous.Type, previous.Path + "\n" + OsText.Decode(line), previous.PeerInode);
    }
}
