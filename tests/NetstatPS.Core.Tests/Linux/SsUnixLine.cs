using System;
using System.Globalization;
using System.Linq;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// One line of <c>ss -xanH</c> (optionally with -p): Netid State Recv-Q Send-Q Local Inode Peer PeerInode [users:…].
/// A name may contain spaces, so the line is read from both ends: four fields, then the name, then
/// the inode, the peer name (* for ss) and the peer inode.
/// </summary>
internal sealed record SsUnixLine(string Netid, string State, long ReceiveQueue, long SendQueue, string? Name, long Inode, long? PeerInode, string Pids)
{
    public static SsUnixLine Parse(string line)
    {
        int users = line.IndexOf(" users:", StringComparison.Ordinal);
        string pids = users < 0 ? string.Empty : string.Join(",", System.Text.RegularExpressions.Regex.Matches(line[users..], @"pid=(\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order());
        string body = users < 0 ? line : line[..users];
        string[] f = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int n = f.Length;
        string name = string.Join(" ", f[4..(n - 3)]);
        long peer = long.Parse(f[n - 1], CultureInfo.InvariantCulture);
        return new SsUnixLine(
            f[0],
            f[1],
            long.Parse(f[2], CultureInfo.InvariantCulture),
            long.Parse(f[3], CultureInfo.InvariantCulture),
            name == "*" ? null : name,
            long.Parse(f[n - 3], CultureInfo.InvariantCulture),
            peer == 0 ? null : peer,
            pids);
    }

    /// <summary>ss's state as NetstatPS names it: UNCONN is Listen for datagram sockets (as UDP) and Closed otherwise.</summary>
    public ConnectionState ModelState => this.State switch
    {
        "LISTEN" => ConnectionState.Listen,
        "ESTAB" => ConnectionState.Established,
        "UNCONN" => this.Netid == "u_dgr" ? ConnectionState.Listen : ConnectionState.Closed,
        _ => throw new FormatException($"ss state {this.State}"),
    };
}
