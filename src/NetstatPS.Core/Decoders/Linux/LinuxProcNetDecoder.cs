using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/net/{tcp,tcp6,udp,udp6} into the same <see cref="Connection"/> objects the netlink
/// path gives, without a string per line: lines are split on '\n', tokens on spaces, numbers read
/// with <see cref="Utf8Parser"/>. Addresses are printed by the kernel as 32-bit words in host order
/// (%08X of each __be32), ports and queues in hex, uid and inode in decimal.
/// </summary>
/// <example>
/// <c>   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 …</c>
/// gives Tcp IPv4 127.0.0.1:8080 0.0.0.0:0 Listen, uid 0, inode 4242 (ReceiveQueue 0; SendQueue null:
/// /proc prints no backlog limit for listeners).
/// </example>
internal static class LinuxProcNetDecoder
{
    /// <summary>The <see cref="Connection.Source"/> of rows from this decoder.</summary>
    public const string SourceName = "ProcNet";

    /// <summary>The kernel's USER_HZ: /proc prints timer expiry in clock ticks of 1/100 s on every Linux architecture.</summary>
    private const int TicksPerSecond = 100;

    private const int MaxTokens = 32;

    /// <summary>Finds the columns from the header line.</summary>
    /// <param name="header">The first line of the file.</param>
    /// <returns>The column map.</returns>
    /// <exception cref="NetstatDecodeException">A needed column is missing.</exception>
    public static LinuxProcNetColumns ParseHeader(ReadOnlySpan<byte> header)
    {
        int local = -1, remote = -1, state = -1, queues = -1, timer = -1, retrnsmt = -1, uid = -1, timeout = -1, inode = -1;
        int data = 0;
        ReadOnlySpan<byte> rest = header;
        while (NextToken(ref rest, out ReadOnlySpan<byte> name))
        {
            // These two header words share the data token of the word before them.
            if (name.SequenceEqual("rx_queue"u8) || name.SequenceEqual("tm->when"u8))
            {
                continue;
            }

            if (name.SequenceEqual("local_address"u8))
            {
                local = data;
            }
            else if (name.SequenceEqual("rem_address"u8) || name.SequenceEqual("remote_address"u8))
            {
                remote = data;
            }
            else if (name.SequenceEqual("st"u8))
            {
                state = data;
            }
            else if (name.SequenceEqual("tx_queue"u8))
            {
                queues = data;
            }
            else if (name.SequenceEqual("tr"u8))
            {
                timer = data;
            }
            else if (name.SequenceEqual("retrnsmt"u8))
            {
                retrnsmt = data;
            }
            else if (name.SequenceEqual("uid"u8))
            {
                uid = data;
            }
            else if (name.SequenceEqual("timeout"u8))
            {
                timeout = data;
            }
            else if (name.SequenceEqual("inode"u8))
            {
                inode = data;
            }

            data++;
        }

        if (local < 0 || remote < 0 || state < 0 || queues < 0 || timer < 0 || retrnsmt < 0 || uid < 0 || timeout < 0 || inode < 0)
        {
            throw new NetstatDecodeException("/proc/net: header lacks one of local_address rem_address st tx_queue tr retrnsmt uid timeout inode");
        }

        return new LinuxProcNetColumns(local, remote, state, queues, timer, retrnsmt, uid, timeout, inode);
    }

    /// <summary>Decodes a whole file (header line first).</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="protocol">Tcp (tcp, tcp6) or Udp (udp, udp6).</param>
    /// <param name="family">IPv4 (tcp, udp) or IPv6 (tcp6, udp6).</param>
    /// <param name="kernelStates">The kernel state bits wanted (as for netlink's idiag_states).</param>
    /// <param name="scopes">Link-local address → interface index.</param>
    /// <param name="addresses">The call's address cache.</param>
    /// <param name="into">Where rows go.</param>
    /// <exception cref="NetstatDecodeException">The file is malformed.</exception>
    public static void Decode(ReadOnlySpan<byte> file, TransportProtocol protocol, IPAddressFamily family, uint kernelStates, LinuxLinkLocalScopes scopes, LinuxAddressCache addresses, List<Connection> into)
    {
        int newline = file.IndexOf((byte)'\n');
        LinuxProcNetColumns columns = ParseHeader(newline >= 0 ? file.Slice(0, newline) : file);
        if (newline < 0)
        {
            return;
        }

        ReadOnlySpan<byte> body = file.Slice(newline + 1);
        int used = DecodeLines(body, columns, protocol, family, kernelStates, scopes, addresses, into);
        if (used < body.Length)
        {
            DecodeLine(body.Slice(used), columns, protocol, family, kernelStates, scopes, addresses, into);
        }
    }

    /// <summary>Decodes every complete ('\n'-terminated) data line of <paramref name="text"/>.</summary>
    /// <returns>The number of bytes consumed (up to and including the last '\n').</returns>
    /// <exception cref="NetstatDecodeException">A line is malformed.</exception>
    public static int DecodeLines(ReadOnlySpan<byte> text, in LinuxProcNetColumns columns, TransportProtocol protocol, IPAddressFamily family, uint kernelStates, LinuxLinkLocalScopes scopes, LinuxAddressCache addresses, List<Connection> into)
    {
        int consumed = 0;
        while (true)
        {
            int newline = text.Slice(consumed).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return consumed;
            }

            DecodeLine(text.Slice(consumed, newline), columns, protocol, family, kernelStates, scopes, addresses, into);
            consumed += newline + 1;
        }
    }

    /// <summary>Decodes one data line; blank lines and rows in unwanted states add nothing.</summary>
    /// <exception cref="NetstatDecodeException">The line is malformed.</exception>
    public static void DecodeLine(ReadOnlySpan<byte> line, in LinuxProcNetColumns columns, TransportProtocol protocol, IPAddressFamily family, uint kernelStates, LinuxLinkLocalScopes scopes, LinuxAddressCache addresses, List<Connection> into)
    {
        Span<int> starts = stackalloc int[MaxTokens];
        Span<int> lengths = stackalloc int[MaxTokens];
        int count = 0;
        for (int i = 0; i < line.Length && count < MaxTokens;)
        {
            byte b = line[i];
            if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r')
            {
                i++;
                continue;
            }

            int start = i;
            while (i < line.Length && line[i] != (byte)' ' && line[i] != (byte)'\t' && line[i] != (byte)'\r')
            {
                i++;
            }

            starts[count] = start;
            lengths[count] = i - start;
            count++;
        }

        if (count == 0)
        {
            return;
        }

        if (count < columns.Required)
        {
            throw new NetstatDecodeException($"/proc/net: a line has {count} fields, expected at least {columns.Required}");
        }

        ReadOnlySpan<byte> Token(int index, Span<int> s, Span<int> l, ReadOnlySpan<byte> of) => of.Slice(s[index], l[index]);

        int kernelState = (int)Hex32(Token(columns.State, starts, lengths, line), "st");
        if (kernelState >= 32 || (kernelStates & (1u << kernelState)) == 0)
        {
            return;
        }

        ConnectionState? state = LinuxSocketStates.FromKernel(protocol, kernelState);
        if (state is null)
        {
            return;
        }

        SplitPair(Token(columns.Queues, starts, lengths, line), "tx_queue:rx_queue", out ReadOnlySpan<byte> tx, out ReadOnlySpan<byte> rx);
        SplitPair(Token(columns.Timer, starts, lengths, line), "tr:tm->when", out ReadOnlySpan<byte> tr, out ReadOnlySpan<byte> when);
        ulong inode = Decimal64(Token(columns.Inode, starts, lengths, line), "inode");
        uint uid = (uint)Decimal64(Token(columns.Uid, starts, lengths, line), "uid");
        int timer = (int)Hex32(tr, "tr");

        var c = new Connection
        {
            Protocol = protocol,
            AddressFamily = family,
            State = state.Value,
            Source = SourceName,
            ReceiveQueue = Hex32(rx, "rx_queue"),
            SendQueue = protocol == TransportProtocol.Tcp && kernelState == LinuxSocketStates.Listen ? null : Hex32(tx, "tx_queue"),
            Inode = inode == 0 ? null : (long)inode,
            UserId = LinuxSocketStates.IsMiniSocket(kernelState, inode) ? null : (int)uid,
        };

        int scope = DecodeEndpoint(Token(columns.Local, starts, lengths, line), family, 0, scopes, addresses, out var localAddress, out int localPort);
        DecodeEndpoint(Token(columns.Remote, starts, lengths, line), family, scope, null, addresses, out var remoteAddress, out int remotePort);
        c.SetLocalIPAddress(localAddress);
        c.SetRemoteIPAddress(remoteAddress);
        c.LocalPort = localPort;
        c.RemotePort = remotePort;
        c.InterfaceIndex = scope == 0 ? null : scope;

        if (timer != 0)
        {
            c.Timer = LinuxSocketStates.TimerName(timer);
            ulong ticks = Hex64(when, "tm->when");
            c.TimerExpiresIn = TimeSpan.FromMilliseconds(ticks > int.MaxValue ? int.MaxValue : ticks * (1000.0 / TicksPerSecond));

            // The retransmit and TIME_WAIT timers count retransmissions (retrnsmt); keepalive and
            // zero-window probe timers count probes, which /proc prints in its "timeout" column —
            // the same numbers sock_diag reports in idiag_retrans.
            c.TimerRetransmits = timer == 2 || timer == 4
                ? (int)Math.Min(Decimal64(Token(columns.Timeout, starts, lengths, line), "timeout"), int.MaxValue)
                : (int)Math.Min(Hex32(Token(columns.Retransmits, starts, lengths, line), "retrnsmt"), int.MaxValue);
        }

        into.Add(c);
    }

    /// <summary>Trims spaces, tabs and carriage returns at both ends.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The trimmed text.</returns>
    internal static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> text)
    {
        int start = 0;
        while (start < text.Length && IsSpace(text[start]))
        {
            start++;
        }

        int end = text.Length;
        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text.Slice(start, end - start);
    }

    private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r';

    private static bool NextToken(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        rest = TrimSpaces(rest);
        if (rest.IsEmpty)
        {
            token = default;
            return false;
        }

        int end = 0;
        while (end < rest.Length && !IsSpace(rest[end]))
        {
            end++;
        }

        token = rest.Slice(0, end);
        rest = rest.Slice(end);
        return true;
    }

    /// <summary>Decodes ADDR:PORT; returns the scope (interface index) a link-local address has, else 0.</summary>
    private static int DecodeEndpoint(ReadOnlySpan<byte> token, IPAddressFamily family, int scope, LinuxLinkLocalScopes? scopes, LinuxAddressCache addresses, out System.Net.IPAddress address, out int port)
    {
        int digits = family == IPAddressFamily.IPv4 ? 8 : 32;
        if (token.Length != digits + 5 || token[digits] != (byte)':')
        {
            throw new NetstatDecodeException($"/proc/net: endpoint of {token.Length} characters is not {digits} hex digits, ':' and a 4-digit port");
        }

        port = (int)Hex32(token.Slice(digits + 1), "port");
        if (family == IPAddressFamily.IPv4)
        {
            address = addresses.GetIPv4(Hex32(token.Slice(0, 8), "address"));
            return 0;
        }

        // Each 8-digit group is one 32-bit word of the in6_addr printed in host order: writing it
        // back in host order restores the network-order bytes.
        Span<byte> bytes = stackalloc byte[16];
        for (int word = 0; word < 4; word++)
        {
            uint value = Hex32(token.Slice(word * 8, 8), "address");
            MemoryMarshal.Write(bytes.Slice(word * 4), ref value);
        }

        if (scopes is not null && LinuxAddressCache.IsLinkLocal(bytes))
        {
            scope = scopes.Find(bytes);
        }

        address = addresses.GetIPv6(bytes, scope);
        return scope;
    }

    private static void SplitPair(ReadOnlySpan<byte> token, string what, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
    {
        int colon = token.IndexOf((byte)':');
        if (colon <= 0 || colon == token.Length - 1)
        {
            throw new NetstatDecodeException($"/proc/net: {what} is not two values joined by ':'");
        }

        first = token.Slice(0, colon);
        second = token.Slice(colon + 1);
    }

    private static uint Hex32(ReadOnlySpan<byte> token, string what)
    {
        if (!Utf8Parser.TryParse(token, out uint value, out int used, 'X') || used != token.Length)
        {
            throw new NetstatDecodeException($"/proc/net: {what} is not a hexadecimal 32-bit number");
        }

        return value;
    }

    private static ulong Hex64(ReadOnlySpan<byte> token, string what)
    {
        if (!Utf8Parser.TryParse(token, out ulong value, out int used, 'X') || used != token.Length)
        {
            throw new NetstatDecodeException($"/proc/net: {what} is not a hexadecimal number");
        }

        return value;
    }

    private static ulong Decimal64(ReadOnlySpan<byte> token, string what)
    {
        if (!Utf8Parser.TryParse(token, out ulong value, out int used) || used != token.Length)
        {
            throw new NetstatDecodeException($"/proc/net: {what} is not a decimal number");
        }

        return value;
    }
}
