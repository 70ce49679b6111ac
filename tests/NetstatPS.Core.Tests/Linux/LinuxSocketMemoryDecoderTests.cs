using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// INET_DIAG_SKMEMINFO on the fixtures capture-skmem.py recorded (tests/fixtures/linux/sockdiag/skmem):
/// every socket against the `ss -tuanmH` taken right after the dumps, and against what getsockopt told
/// Python (an oracle independent of both ss and NetstatPS).
/// </summary>
public class LinuxSocketMemoryDecoderTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "fixtures", "linux", "sockdiag", "skmem");
    private static readonly JsonElement Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "manifest.json"))).RootElement;

    internal static byte[] Dump(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".bin"));

    internal static (uint Sequence, uint PortId) Ids(string name)
    {
        JsonElement d = Manifest.GetProperty("dumps").GetProperty(name);
        return (d.GetProperty("sequence").GetUInt32(), d.GetProperty("portId").GetUInt32());
    }

    internal static List<Connection> Decode(string name, bool tcpInfo, bool socketMemory)
    {
        var rows = new List<Connection>();
        var (seq, pid) = Ids(name);
        TransportProtocol protocol = name.StartsWith("udp", StringComparison.Ordinal) ? TransportProtocol.Udp : TransportProtocol.Tcp;
        LinuxSockDiagChunk chunk = LinuxSockDiagDecoder.Decode(Dump(name), seq, pid, protocol, tcpInfo, new LinuxAddressCache(), rows, socketMemory);
        Assert.Equal(LinuxSockDiagStatus.Done, chunk.Status);
        return rows;
    }

    private static List<Connection> All() =>
        new[] { "tcp4", "tcp6", "udp4", "udp6" }.SelectMany(n => Decode(n, true, true)).ToList();

    private static Connection Named(List<Connection> rows, string name)
    {
        JsonElement s = Manifest.GetProperty("sockets").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        return Assert.Single(rows, r => r.LocalPort == s.GetProperty("localPort").GetInt32() && r.RemotePort == s.GetProperty("remotePort").GetInt32() &&
            r.Protocol.ToString() == s.GetProperty("protocol").GetString());
    }

    [Fact]
    public void EverySocketHasSsSkmemFiguresFieldByField()
    {
        var ss = SsMemoryOracle.Parse(File.ReadAllText(Path.Combine(Directory, "ss-skmem.txt")));
        List<Connection> rows = All();
        Assert.Equal(ss.Count, rows.Count);
        foreach (Connection c in rows)
        {
            Assert.True(ss.TryGetValue(SsMemoryOracle.KeyOf(c), out SsMemoryOracle.Figures? expected), $"ss did not list {c}");
            Assert.Equal(expected, SsMemoryOracle.FiguresOf(c.SocketMemory));
        }

        // 17 sockets: 16 full sockets with all nine figures, one TIME_WAIT mini socket without any.
        Assert.Equal(17, rows.Count);
        Assert.Equal(16, rows.Count(r => r.SocketMemory is not null));
        Assert.All(rows.Where(r => r.SocketMemory is not null), r => Assert.NotNull(r.SocketMemory!.Drops));
    }

    [Fact]
    public void TimeWaitMiniSocketHasNoSocketMemory()
    {
        JsonElement tw = Manifest.GetProperty("timeWait");
        Connection c = Assert.Single(Decode("tcp4", true, true), r => r.LocalPort == tw.GetProperty("localPort").GetInt32() && r.RemotePort == tw.GetProperty("remotePort").GetInt32());
        Assert.Equal(ConnectionState.TimeWait, c.State);
        Assert.Null(c.SocketMemory);
        Assert.Null(c.TcpInfo);
    }

    [Fact]
    public void BufferSizesAreWhatGetsockoptReturned()
    {
        // SO_RCVBUF / SO_SNDBUF read back through getsockopt are the kernel's sk_rcvbuf / sk_sndbuf: rb and tb.
        List<Connection> rows = All();
        foreach (JsonElement s in Manifest.GetProperty("sockets").EnumerateArray())
        {
            Connection c = Named(rows, s.GetProperty("name").GetString()!);
            Assert.Equal(s.GetProperty("getsockoptRcvbuf").GetInt64(), c.SocketMemory!.ReceiveBuffer);
            Assert.Equal(s.GetProperty("getsockoptSndbuf").GetInt64(), c.SocketMemory.SendBuffer);
        }

        // Asked 65536 and 32768: the kernel doubles both (bookkeeping overhead), as socket(7) says.
        SocketMemory set = Named(rows, "listener-setbufs").SocketMemory!;
        Assert.Equal(131072, set.ReceiveBuffer);
        Assert.Equal(65536, set.SendBuffer);
    }

    [Fact]
    public void QueuedDataAndDropsShowWhereTheyShould()
    {
        List<Connection> rows = All();

        // 3000 unread bytes: Recv-Q 3000, and rmem_alloc counts their buffers' true size.
        Connection unread = Named(rows, "server-unread-3000");
        Assert.Equal(3000, unread.ReceiveQueue);
        Assert.InRange(unread.SocketMemory!.ReceiveAllocation!.Value, 3001, 3000 + 4096);

        // Data behind a zero window sits in the write queue, unsent.
        Connection queued = Named(rows, "client-queued");
        Assert.True(queued.SendQueue > 0);
        Assert.True(queued.SocketMemory!.WriteQueued >= queued.SendQueue, $"wmem_queued {queued.SocketMemory.WriteQueued} < Send-Q {queued.SendQueue}");
        Assert.Equal(0, queued.SocketMemory.SendAllocation);

        // UDP: three datagrams queued; a minimum-size buffer that dropped most of 40 datagrams.
        Assert.True(Named(rows, "udp-3-queued").SocketMemory!.ReceiveAllocation > 300);
        SocketMemory dropping = Named(rows, "udp-dropping").SocketMemory!;
        Assert.InRange(dropping.Drops!.Value, 1, 39);
        Assert.True(dropping.ReceiveBuffer < 4096);
        Assert.Equal(0, Named(rows, "udp6").SocketMemory!.Drops);
    }

    [Fact]
    public void SocketMemoryAndTcpInfoAreIndependent()
    {
        // Asked together: both filled. Memory not asked: the attribute is ignored even when present.
        Assert.All(Decode("tcp4", true, true).Where(r => r.Inode is not null), r =>
        {
            Assert.NotNull(r.TcpInfo);
            Assert.NotNull(r.SocketMemory);
        });
        Assert.All(Decode("tcp4", true, false), r => Assert.Null(r.SocketMemory));

        // A dump that asked only for SKMEMINFO carries no tcp_info, so TcpInfo stays null whatever is decoded.
        List<Connection> only = Decode("tcp4-skmem-only", true, true);
        Assert.All(only, r => Assert.Null(r.TcpInfo));
        Assert.Equal(only.Count(r => r.Inode is not null), only.Count(r => r.SocketMemory is not null));
        Assert.All(Decode("tcp4", false, false).Concat(Decode("udp4", false, false)), r => Assert.Null(r.SocketMemory));
    }

    [Fact]
    public void ShorterArraysOfOlderKernelsLeaveTheMissingFiguresNull()
    {
        // Linux 3.6-3.x sent SK_MEMINFO_VARS = 8 (no drops), before that 7 (no backlog).
        uint[] values = { 11, 22, 33, 44, 55, 66, 77, 88, 99, 1234 };
        SocketMemory seven = LinuxSkMemInfoDecoder.Decode(Bytes(values, 7));
        Assert.Equal(new long?[] { 11, 22, 33, 44, 55, 66, 77, null, null }, Values(seven));
        Assert.Equal(new long?[] { 11, 22, 33, 44, 55, 66, 77, 88, null }, Values(LinuxSkMemInfoDecoder.Decode(Bytes(values, 8))));

        // A newer kernel's extra values are ignored; a partial last value is not read.
        Assert.Equal(new long?[] { 11, 22, 33, 44, 55, 66, 77, 88, 99 }, Values(LinuxSkMemInfoDecoder.Decode(Bytes(values, 10))));
        Assert.Equal(new long?[] { 11, null, null, null, null, null, null, null, null }, Values(LinuxSkMemInfoDecoder.Decode(Bytes(values, 2).AsSpan(0, 7))));
        Assert.All(Values(LinuxSkMemInfoDecoder.Decode(ReadOnlySpan<byte>.Empty)), v => Assert.Null(v));

        // u32 as ss prints it (%u): the top bit set is a large positive number, never negative.
        Assert.Equal(uint.MaxValue, LinuxSkMemInfoDecoder.Decode(Bytes(new[] { uint.MaxValue }, 1)).ReceiveAllocation);
    }

    [Fact]
    public void UnixDiagAsksForAndDecodesUnixDiagMeminfoOnlyWhenAsked()
    {
        // udiag_show gains UDIAG_SHOW_MEMINFO (0x20) only with socket memory.
        Assert.Equal(0x20u, BitConverter.ToUInt32(LinuxUnixDiagDecoder.RequestHeader(LinuxUnixDiagDecoder.AllStates, true), 12) & 0x20u);
        Assert.Equal(0u, BitConverter.ToUInt32(LinuxUnixDiagDecoder.RequestHeader(LinuxUnixDiagDecoder.AllStates), 12) & 0x20u);

        // struct unix_diag_msg (AF_UNIX, SOCK_STREAM, TCP_ESTABLISHED, inode 4242) + UNIX_DIAG_MEMINFO (type 5, nine u32).
        uint[] values = { 768, 212992, 0, 212992, 3328, 0, 0, 0, 7 };
        byte[] message = new byte[16 + 4 + 36];
        message[0] = 1;
        message[1] = 1;
        message[2] = 1;
        BitConverter.GetBytes(4242u).CopyTo(message, 4);
        BitConverter.GetBytes((ushort)40).CopyTo(message, 16);
        BitConverter.GetBytes((ushort)5).CopyTo(message, 18);
        Bytes(values, 9).CopyTo(message, 20);
        var rows = new List<Connection>();
        LinuxUnixDiagDecoder.DecodeSocket(message, rows, socketMemory: true);
        LinuxUnixDiagDecoder.DecodeSocket(message, rows);
        Assert.Equal(new long?[] { 768, 212992, 0, 212992, 3328, 0, 0, 0, 7 }, Values(rows[0].SocketMemory!));
        Assert.Null(rows[1].SocketMemory);
    }

    private static byte[] Bytes(uint[] values, int count) => values.Take(count).SelectMany(BitConverter.GetBytes).ToArray();

    private static long?[] Values(SocketMemory m) =>
        new[] { m.ReceiveAllocation, m.ReceiveBuffer, m.SendAllocation, m.SendBuffer, m.ForwardAllocation, m.WriteQueued, m.OptionMemory, m.Backlog, m.Drops };
}
