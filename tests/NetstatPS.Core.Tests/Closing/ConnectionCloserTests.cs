using System.Linq;
using System.Net;
using NetstatPS.Core.Tests.Common;
using NetstatPS.Readers;
using Xunit;
using static NetstatPS.Core.Tests.Closing.CloseRequestEncodingTests;

namespace NetstatPS.Core.Tests.Closing;

/// <summary>The OS-independent rules of closing: what is refused before the OS is asked, how a connection without a cookie is found again, and what "gone" means.</summary>
public class ConnectionCloserTests
{
    private readonly FakeProvider provider = new();

    [Theory]
    [InlineData(ConnectionState.Listen, "listener")]
    [InlineData(ConnectionState.TimeWait, "TimeWait")]
    [InlineData(ConnectionState.Closed, "not connected")]
    [InlineData(ConnectionState.Bound, "not connected")]
    public void RefusesWhatIsNotAConnectionWithoutAskingTheOS(ConnectionState state, string says)
    {
        Connection c = Tcp("127.0.0.1", 5000, "127.0.0.1", 40001, 9, state: state);
        this.provider.ConnectionRows.Add(c);
        CloseResult r = ConnectionCloser.Close(this.provider, c);
        Assert.Equal(CloseOutcome.NotClosable, r.Outcome);
        Assert.Contains(says, r.Message, System.StringComparison.Ordinal);
        Assert.Empty(this.provider.ClosedRows);
    }

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Raw)]
    [InlineData(TransportProtocol.Unix)]
    public void RefusesEveryProtocolButTcp(TransportProtocol protocol)
    {
        Connection c = Tcp("127.0.0.1", 53, "127.0.0.1", 40001, 9);
        c.Protocol = protocol;
        CloseResult r = ConnectionCloser.Close(this.provider, c);
        Assert.Equal(CloseOutcome.NotClosable, r.Outcome);
        Assert.Contains("only TCP", r.Message, System.StringComparison.Ordinal);
        Assert.Empty(this.provider.ClosedRows);
    }

    [Fact]
    public void EveryConnectionStateWithAPeerIsClosable()
    {
        Assert.Equal(
            new[] { ConnectionState.SynSent, ConnectionState.SynReceived, ConnectionState.Established, ConnectionState.FinWait1, ConnectionState.FinWait2, ConnectionState.CloseWait, ConnectionState.Closing, ConnectionState.LastAck },
            ConnectionCloser.ClosableStates);
        foreach (ConnectionState s in ConnectionCloser.ClosableStates)
        {
            Assert.Null(ConnectionCloser.WhyNotClosable(this.provider, Tcp("127.0.0.1", 1, "127.0.0.1", 2, 3, state: s)));
        }
    }

    [Fact]
    public void TheOSRefusalComesBeforeAnyRequest()
    {
        this.provider.CannotCloseAnswer = c => c.AddressFamily == IPAddressFamily.IPv6 ? "no IPv6 call" : null;
        CloseResult r = ConnectionCloser.Close(this.provider, Tcp("::1", 1, "::1", 2, null));
        Assert.Equal(CloseOutcome.NotClosable, r.Outcome);
        Assert.Equal("no IPv6 call", r.Message);
        Assert.Empty(this.provider.ClosedRows);
    }

    [Fact]
    public void AConnectionWithoutACookieIsFoundAgainAndTheLiveSocketIsClosed()
    {
        Connection live = Tcp("127.0.0.1", 5000, "127.0.0.1", 40001, 77);
        Connection other = Tcp("127.0.0.1", 5000, "127.0.0.1", 40002, 78);
        this.provider.ConnectionRows.AddRange(new[] { live, other });
        CloseResult r = ConnectionCloser.Close(this.provider, Tcp("127.0.0.1", 5000, "127.0.0.1", 40001, null));
        Assert.Equal(CloseOutcome.Closed, r.Outcome);
        Assert.Same(live, Assert.Single(this.provider.ClosedRows));
        Assert.Contains(other, this.provider.ConnectionRows);
    }

    [Fact]
    public void AConnectionThatIsGoneIsNotFoundAndNothingIsAsked()
    {
        CloseResult r = ConnectionCloser.Close(this.provider, Tcp("127.0.0.1", 5000, "127.0.0.1", 40001, null));
        Assert.Equal(CloseOutcome.NotFound, r.Outcome);
        Assert.StartsWith("not found", r.Message, System.StringComparison.Ordinal);
        Assert.Empty(this.provider.ClosedRows);
    }

    [Fact]
    public void AFailureForAConnectionThatIsGoneReadsAsNotFound()
    {
        Connection c = Tcp("127.0.0.1", 5000, "127.0.0.1", 40001, 5);
        this.provider.ConnectionRows.Add(c);
        this.provider.CloseAnswer = row =>
        {
            this.provider.ConnectionRows.Remove(row);
            return new CloseResult(CloseOutcome.Failed, "SetTcpEntry answered ERROR_INVALID_PARAMETER (87).", 87);
        };
        Assert.Equal(CloseOutcome.NotFound, ConnectionCloser.Close(this.provider, c).Outcome);

        // While it is still there, the failure stands.
        Connection d = Tcp("127.0.0.1", 5001, "127.0.0.1", 40001, 6);
        this.provider.ConnectionRows.Add(d);
        this.provider.CloseAnswer = _ => new CloseResult(CloseOutcome.Failed, "SetTcpEntry answered ERROR_INVALID_PARAMETER (87).", 87);
        Assert.Equal(CloseOutcome.Failed, ConnectionCloser.Close(this.provider, d).Outcome);
    }

    [Fact]
    public void FindMatchesEndpointsExactlyOrInTheirIPv4MappedFormAndByCookieAndInterfaceWhenGiven()
    {
        Connection a = Tcp("127.0.0.1", 5000, "127.0.0.1", 40001, 77, ifIndex: 1);
        Connection mapped = Tcp("::ffff:127.0.0.1", 5000, "::ffff:127.0.0.1", 40001, 79);
        this.provider.ConnectionRows.AddRange(new[] { a, mapped, Tcp("127.0.0.1", 5000, "127.0.0.1", 40002, 78) });
        IPAddress lo = IPAddress.Loopback;
        Assert.Equal(new[] { a, mapped }, ConnectionCloser.Find(this.provider, lo, 5000, lo, 40001, null, null));
        Assert.Same(a, Assert.Single(ConnectionCloser.Find(this.provider, lo, 5000, lo, 40001, 1, 77)));
        Assert.Empty(ConnectionCloser.Find(this.provider, lo, 5000, lo, 40001, null, 78));
        Assert.Empty(ConnectionCloser.Find(this.provider, lo, 5000, lo, 40001, 2, 77));
        Assert.Empty(ConnectionCloser.Find(this.provider, lo, 5000, lo, 40003, null, null));
        Assert.Same(mapped, ConnectionCloser.Find(this.provider, IPAddress.Parse("::ffff:127.0.0.1"), 5000, IPAddress.Parse("::ffff:127.0.0.1"), 40001, null, null).Single());
    }
}
