using System;
using System.Collections.Generic;
using System.IO;
using NetstatPS.Decoders.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Reads /proc/net/{tcp,tcp6,udp,udp6,raw,raw6} in 64 KiB chunks (a 200k-socket table is tens of megabytes of
/// text; it is never held whole) and hands complete lines to <see cref="LinuxProcNetDecoder"/>.
/// </summary>
internal static class LinuxProcNetReader
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Reads one table; a missing file (IPv6 disabled, UDP not built) gives no rows.</summary>
    /// <param name="procRoot">The proc mount ("/proc", or a fixture directory in tests).</param>
    /// <param name="protocol">Tcp, Udp or Raw (/proc/net/raw and raw6 have the columns of udp and udp6).</param>
    /// <param name="family">IPv4 or IPv6.</param>
    /// <param name="kernelStates">The kernel state bits wanted.</param>
    /// <param name="scopes">Link-local address → interface index.</param>
    /// <param name="addresses">The call's address cache.</param>
    /// <param name="into">Where rows go.</param>
    public static void Read(string procRoot, TransportProtocol protocol, IPAddressFamily family, uint kernelStates, LinuxLinkLocalScopes scopes, LinuxAddressCache addresses, List<Connection> into)
    {
        string table = protocol switch
        {
            TransportProtocol.Tcp => "tcp",
            TransportProtocol.Udp => "udp",
            _ => "raw",
        };
        string name = table + (family == IPAddressFamily.IPv6 ? "6" : string.Empty);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(procRoot, "net", name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return;
        }

        using (stream)
        {
            byte[] buffer = new byte[ChunkSize];
            int filled = 0;
            bool haveHeader = false;
            LinuxProcNetColumns columns = default;
            while (true)
            {
                int n = stream.Read(buffer, filled, buffer.Length - filled);
                if (n == 0)
                {
                    break;
                }

                filled += n;
                ReadOnlySpan<byte> span = buffer.AsSpan(0, filled);
                int used = 0;
                if (!haveHeader)
                {
                    int newline = span.IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        columns = LinuxProcNetDecoder.ParseHeader(span.Slice(0, newline));
                        haveHeader = true;
                        used = newline + 1;
                    }
                }

                if (haveHeader)
                {
                    used += LinuxProcNetDecoder.DecodeLines(span.Slice(used), columns, protocol, family, kernelStates, scopes, addresses, into);
                }

                Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
                filled -= used;
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            if (!haveHeader)
            {
                if (filled > 0)
                {
                    LinuxProcNetDecoder.ParseHeader(buffer.AsSpan(0, filled));
                }
            }
            else if (filled > 0)
            {
                LinuxProcNetDecoder.DecodeLine(buffer.AsSpan(0, filled), columns, protocol, family, kernelStates, scopes, addresses, into);
            }
        }
    }

    /// <summary>Reads /proc/net/if_inet6 into the link-local scope table; empty when IPv6 is off.</summary>
    /// <param name="procRoot">The proc mount.</param>
    /// <returns>The table.</returns>
    public static LinuxLinkLocalScopes ReadScopes(string procRoot)
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(Path.Combine(procRoot, "net", "if_inet6"));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return LinuxLinkLocalScopes.Empty;
        }

        return LinuxIfInet6Decoder.Decode(text);
    }
}
