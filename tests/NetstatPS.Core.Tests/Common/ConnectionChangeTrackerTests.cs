using System;
using System.Linq;
using NetstatPS.Sampling;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class ConnectionChangeTrackerTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Local);

    [Fact]
    public void ReportsAddedRemovedAndStateChanged()
    {
        Connection listener = ConnectionReaderTests.Row(TransportProtocol.Tcp, "0.0.0.0", 80, "0.0.0.0", 0, ConnectionState.Listen);
        Connection closing = ConnectionReaderTests.Row(TransportProtocol.Tcp, "127.0.0.1", 80, "127.0.0.1", 40000, ConnectionState.Established);
        Connection gone = ConnectionReaderTests.Row(TransportProtocol.Udp, "127.0.0.1", 53, "0.0.0.0", 0, ConnectionState.Listen);
        Connection closingLater = ConnectionReaderTests.Row(TransportProtocol.Tcp, "127.0.0.1", 80, "127.0.0.1", 40000, ConnectionState.TimeWait);
        Connection fresh = ConnectionReaderTests.Row(TransportProtocol.Tcp, "127.0.0.1", 80, "127.0.0.1", 40001, ConnectionState.Established);

        var changes = ConnectionChangeTracker.Compare(new[] { listener, closing, gone }, new[] { listener, closingLater, fresh }, Now);

        Assert.Equal(
            new[] { (ConnectionChangeType.Removed, (int?)53), (ConnectionChangeType.StateChanged, (int?)40000), (ConnectionChangeType.Added, (int?)40001) },
            changes.Select(c => (c.ChangeType, c.ChangeType == ConnectionChangeType.Removed ? c.LocalPort : c.RemotePort)));
        ConnectionChange changed = changes[1];
        Assert.Equal(ConnectionState.Established, changed.PreviousState);
        Assert.Equal(ConnectionState.TimeWait, changed.State);
        Assert.Null(changes[2].PreviousState);
        Assert.All(changes, c => Assert.Equal(Now, c.Timestamp));
    }

    [Fact]
    public void AListenerReopenedOnTheSamePortIsRemovedAndAdded()
    {
        Connection before = ConnectionReaderTests.Row(TransportProtocol.Tcp, "0.0.0.0", 8080, "0.0.0.0", 0, ConnectionState.Listen);
        before.Inode = 1000;
        Connection after = ConnectionReaderTests.Row(TransportProtocol.Tcp, "0.0.0.0", 8080, "0.0.0.0", 0, ConnectionState.Listen);
        after.Inode = 2000;
        var changes = ConnectionChangeTracker.Compare(new[] { before }, new[] { after }, Now);
        Assert.Equal(new[] { ConnectionChangeType.Removed, ConnectionChangeType.Added }, changes.Select(c => c.ChangeType));
    }

    [Fact]
    public void NoChangeGivesNothing()
    {
        Connection a = ConnectionReaderTests.Row(TransportProtocol.Tcp, "::1", 22, "::1", 5000, ConnectionState.Established);
        Connection b = ConnectionReaderTests.Row(TransportProtocol.Tcp, "::1", 22, "::1", 5000, ConnectionState.Established);
        Assert.Empty(ConnectionChangeTracker.Compare(new[] { a }, new[] { b }, Now));
    }
}
