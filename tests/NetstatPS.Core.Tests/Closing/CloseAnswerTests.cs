using System;
using System.Buffers.Binary;
using NetstatPS.Decoders.Linux;
using NetstatPS.Decoders.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Closing;

/// <summary>What each OS answer means: errno from SOCK_DESTROY, Win32 errors from SetTcpEntry, and the netlink acknowledgement itself.</summary>
public class CloseAnswerTests
{
    [Theory]
    [InlineData(0, CloseOutcome.Closed, null)]
    [InlineData(2, CloseOutcome.NotFound, "not found")]
    [InlineData(116, CloseOutcome.NotFound, "socket cookie differs")]
    [InlineData(1, CloseOutcome.AccessDenied, "CAP_NET_ADMIN")]
    [InlineData(13, CloseOutcome.AccessDenied, "CAP_NET_ADMIN")]
    [InlineData(95, CloseOutcome.Unsupported, "CONFIG_INET_DIAG_DESTROY")]
    [InlineData(22, CloseOutcome.Unsupported, "Linux 4.5")]
    [InlineData(12, CloseOutcome.Failed, "errno 12")]
    public void LinuxErrnoMeans(int errno, CloseOutcome outcome, string? says)
    {
        CloseResult r = LinuxCloseErrors.Result(errno);
        Assert.Equal(outcome, r.Outcome);
        if (says is null)
        {
            Assert.Null(r.Message);
        }
        else
        {
            Assert.Contains(says, r.Message, StringComparison.Ordinal);
            Assert.Equal(errno, r.NativeError);
        }
    }

    [Theory]
    [InlineData(0u, CloseOutcome.Closed, null)]
    [InlineData(5u, CloseOutcome.AccessDenied, "elevated session")]
    [InlineData(317u, CloseOutcome.AccessDenied, "ERROR_MR_MID_NOT_FOUND (317)")]
    [InlineData(1168u, CloseOutcome.NotFound, "not found")]
    [InlineData(50u, CloseOutcome.Unsupported, "ERROR_NOT_SUPPORTED (50)")]
    [InlineData(120u, CloseOutcome.Unsupported, "ERROR_CALL_NOT_IMPLEMENTED")]
    [InlineData(87u, CloseOutcome.Failed, "ERROR_INVALID_PARAMETER (87)")]
    [InlineData(31u, CloseOutcome.Failed, "error 31")]
    public void WindowsErrorMeans(uint error, CloseOutcome outcome, string? says)
    {
        CloseResult r = WindowsCloseErrors.Result(error);
        Assert.Equal(outcome, r.Outcome);
        if (says is not null)
        {
            Assert.Contains(says, r.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheAckCollectorWaitsForItsOwnErrorMessage()
    {
        var ack = new NetlinkAnswerCollector(sequence: 7, portId: 99, acknowledgementEnds: true);

        // Another request's error and a stray message of ours are skipped; ours then ends the wait.
        Assert.True(ack.Accept(Message(type: 2, seq: 6, pid: 99, error: -2)));
        Assert.True(ack.Accept(Message(type: 20, seq: 7, pid: 99, error: 0)));
        Assert.False(ack.IsDone);
        Assert.False(ack.Accept(Message(type: 2, seq: 7, pid: 99, error: -1)));
        Assert.True(ack.IsDone);
        Assert.Equal(1, ack.Error);

        var ok = new NetlinkAnswerCollector(8, 99, acknowledgementEnds: true);
        Assert.False(ok.Accept(Message(2, 8, 99, 0)));
        Assert.Equal(0, ok.Error);

        Assert.Throws<NetstatDecodeException>(() => new NetlinkAnswerCollector(8, 99, acknowledgementEnds: true).Accept(Message(2, 8, 99, 0).AsSpan(0, 18)));
    }

    private static byte[] Message(ushort type, uint seq, uint pid, int error)
    {
        byte[] m = new byte[36]; // nlmsghdr + nlmsgerr (error + the request's header)
        BinaryPrimitives.WriteUInt32LittleEndian(m, 36);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), seq);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(12), pid);
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(16), error);
        return m;
    }
}
