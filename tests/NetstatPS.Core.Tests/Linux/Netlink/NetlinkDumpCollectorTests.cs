using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Netlink;

/// <summary>The strict dump loop: sequence/port checks, DONE, ERROR, DUMP_INTR, messages over several datagrams.</summary>
public class NetlinkDumpCollectorTests
{
    private const uint Seq = 0x01020304;
    private const uint Port = 4242;

    private static byte[] Message(ushort type, ushort flags, uint seq, uint port, params byte[] payload)
    {
        byte[] m = new byte[(16 + payload.Length + 3) & ~3];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)(16 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), seq);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(12), port);
        payload.CopyTo(m, 16);
        return m;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void KeepsOnlyThisRequestsMessagesAcrossDatagramsUntilDone()
    {
        var c = new NetlinkDumpCollector(Seq, Port);
        byte[] mine1 = Message(24, 2, Seq, Port, 1, 2, 3);
        byte[] stale = Message(24, 2, Seq - 1, Port, 9, 9, 9, 9);
        byte[] otherPort = Message(24, 2, Seq, Port + 1, 8, 8, 8, 8);
        byte[] mine2 = Message(24, 2, Seq, Port, 4, 5, 6, 7, 8);
        byte[] done = Message(3, 2, Seq, Port, 0, 0, 0, 0);
        Assert.True(c.Accept(Concat(mine1, stale)));
        Assert.True(c.Accept(Concat(otherPort, mine2)));
        Assert.False(c.Accept(done));
        Assert.True(c.IsDone);
        Assert.Equal(0, c.Error);
        Assert.False(c.Interrupted);
        Assert.Equal(Concat(mine1, mine2, done), c.ToArray());
    }

    [Fact]
    public void AnErrorAnswerStopsWithItsErrno()
    {
        var c = new NetlinkDumpCollector(Seq, Port);
        byte[] eperm = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(eperm, -1);
        byte[] ack = new byte[4];
        Assert.True(c.Accept(Message(2, 0, Seq, Port, ack))); // error 0 is an ACK
        Assert.True(c.Accept(Message(2, 0, Seq - 5, Port, eperm))); // someone else's error
        Assert.False(c.Accept(Message(2, 0, Seq, Port, eperm)));
        Assert.Equal(1, c.Error);
        Assert.False(c.IsDone);
    }

    [Fact]
    public void RemembersAnInterruptedDump()
    {
        var c = new NetlinkDumpCollector(Seq, Port);
        Assert.True(c.Accept(Message(24, 2 | 0x10, Seq, Port, 1, 2, 3, 4)));
        Assert.False(c.Accept(Message(3, 2, Seq, Port, 0, 0, 0, 0)));
        Assert.True(c.Interrupted);
        Assert.True(c.IsDone);
    }

    [Fact]
    public void ARealDumpIsTakenWhole()
    {
        byte[] real = LinuxTestSupport.FixtureBytes("routes", "rtnl-route4.bin");
        uint seq = BinaryPrimitives.ReadUInt32LittleEndian(real.AsSpan(8));
        uint port = BinaryPrimitives.ReadUInt32LittleEndian(real.AsSpan(12));
        var c = new NetlinkDumpCollector(seq, port);
        Assert.False(c.Accept(real));
        Assert.True(c.IsDone);
        Assert.Equal(real, c.ToArray());
    }

    [Fact]
    public void EnumeratorsRejectLengthsOutsideTheBuffer()
    {
        byte[] m = Message(24, 2, Seq, Port, 1, 2, 3, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(m, 400);
        Assert.Throws<NetstatDecodeException>(() => new NetlinkDumpCollector(Seq, Port).Accept(m));
        BinaryPrimitives.WriteUInt32LittleEndian(m, 8);
        Assert.Throws<NetstatDecodeException>(() => new NetlinkDumpCollector(Seq, Port).Accept(m));

        // An RTM_NEWROUTE whose only attribute claims 200 bytes.
        byte[] rtmsg = new byte[12 + 8];
        rtmsg[0] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(rtmsg.AsSpan(12), 200);
        Assert.Throws<NetstatDecodeException>(() => LinuxRouteDecoder.Decode(Message(24, 2, Seq, Port, rtmsg), new Dictionary<int, string>(), null, new List<Route>()));
    }

    [Fact]
    public void CollectorOnlyThrowsItsDecodeError() =>
        DecoderFuzz.NeverThrowsAnythingElse(LinuxTestSupport.FixtureBytes("interfaces", "rtnl-link.bin"), b => new NetlinkDumpCollector(1, 2).Accept(b), 101);
}
