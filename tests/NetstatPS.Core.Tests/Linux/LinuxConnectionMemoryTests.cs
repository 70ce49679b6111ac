using System;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>Issue 5's memory budget: ≤ 400 bytes retained per Connection, no per-row garbage in the decode loops.</summary>
public class LinuxConnectionMemoryTests
{
    private const int Rows = 20000;

    /// <summary>
    /// What the decode allocated is the Connection objects and nothing else per row (a few shared
    /// addresses aside): so it is also all that is retained, and it fits the 400-byte budget.
    /// </summary>
    private static void AssertOnlyRowObjects(long allocated)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var one = new Connection();
        long objectSize = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(one);

        double perRow = allocated / (double)Rows;
        Assert.True(perRow <= 400, $"{perRow:F1} bytes per row");
        Assert.True(perRow - objectSize < 2, $"{perRow:F1} bytes allocated per row, a Connection is {objectSize}");
    }

    // Runs the decoder once (JIT) in its own frame, so nothing of that run is still referenced when measuring.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void WarmUp(Action decode) => decode();

    [Fact]
    public void SockDiagDecodeAllocatesOnlyTheRowObjects()
    {
        // 20,000 copies of the captured 127.0.0.1:40001 listener, each with its own ports (addresses repeat, as on a busy server).
        var (seq, pid) = LinuxFixture.DumpIds("tcp4-listen");
        byte[] message = LinuxSockDiagDecoderTests.FirstMessage(LinuxFixture.Dump("tcp4-listen"));
        int length = message.Length;
        byte[] buffer = new byte[length * Rows];
        for (int i = 0; i < Rows; i++)
        {
            message.CopyTo(buffer, i * length);
            buffer[(i * length) + 16 + 6] = (byte)(i >> 8);
            buffer[(i * length) + 16 + 7] = (byte)i;
        }

        WarmUp(() => LinuxSockDiagDecoder.Decode(buffer, seq, pid, TransportProtocol.Tcp, false, new LinuxAddressCache(), new List<Connection>(Rows)));

        var rows = new List<Connection>(Rows);
        var cache = new LinuxAddressCache();
        GC.Collect();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        LinuxSockDiagDecoder.Decode(buffer, seq, pid, TransportProtocol.Tcp, false, cache, rows);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(Rows, rows.Count);
        Assert.Single(rows.Select(r => r.GetLocalIPAddress()).Distinct(ReferenceEqualityComparer.Instance));
        AssertOnlyRowObjects(allocated);
        GC.KeepAlive(rows);
        GC.KeepAlive(cache);
    }

    [Fact]
    public void ProcNetDecodeAllocatesOnlyTheRowObjects()
    {
        var text = new System.Text.StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (int i = 0; i < Rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i,4}: 0100007F:1F90 0200007F:{i & 0xFFFF:X4} 01 00000000:00000000 00:00000000 00000000     0        0 {100000 + i} 1 0000000000000000 20 4 30 10 -1\n");
        }

        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text.ToString());
        WarmUp(() => LinuxProcNetDecoder.Decode(bytes, TransportProtocol.Tcp, IPAddressFamily.IPv4, LinuxSocketStates.AllTcp, LinuxLinkLocalScopes.Empty, new LinuxAddressCache(), new List<Connection>(Rows)));

        var rows = new List<Connection>(Rows);
        var cache = new LinuxAddressCache();
        GC.Collect();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        LinuxProcNetDecoder.Decode(bytes, TransportProtocol.Tcp, IPAddressFamily.IPv4, LinuxSocketStates.AllTcp, LinuxLinkLocalScopes.Empty, cache, rows);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(Rows, rows.Count);
        AssertOnlyRowObjects(allocated);
        GC.KeepAlive(rows);
        GC.KeepAlive(cache);
    }
}
