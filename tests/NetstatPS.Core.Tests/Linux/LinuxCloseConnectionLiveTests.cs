using System;
using System.Linq;
using System.Text.Json;
using NetstatPS.Core.Tests.TestLayers;
using Xunit;
using Xunit.Abstractions;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>
/// SOCK_DESTROY against the real kernel, inside private network namespaces (nsps-testhost close-check
/// opens the pairs there and reports what each end sees): v4 and v6 connections are closed, the peer
/// gets the reset, the rows go, the unrelated pair on the same listener stays, closing again is "not
/// found", a listener is refused; without CAP_NET_ADMIN nothing is closed and the error says why.
/// </summary>
[Collection("LinuxLive")]
public class LinuxCloseConnectionLiveTests
{
    private readonly ITestOutputHelper output;

    public LinuxCloseConnectionLiveTests(ITestOutputHelper output) => this.output = output;

    [FactNeeding(MachineNeed.NetworkNamespace)]
    public void ClosesExactlyTheChosenV4AndV6ConnectionsAndThePeersSeeTheReset()
    {
        string dir = LinuxTestSupport.RunInNetns("ip link set lo up\n\"$HOST\" close-check > \"$OUT/close.json\"\n", remountSysfs: false);
        JsonElement r = LinuxTestSupport.Json(dir, "close.json");
        this.output.WriteLine(r.ToString());

        // Every row read over sock_diag carries its cookie.
        Assert.All(r.GetProperty("Cookies").EnumerateArray(), c => Assert.True(c.ValueKind == JsonValueKind.Number && c.GetUInt64() != 0));

        JsonElement a = r.GetProperty("A");
        JsonElement b = r.GetProperty("B");
        JsonElement c = r.GetProperty("C");
        Assert.Equal("Closed", a.GetProperty("Outcome").GetString());
        Assert.Equal("Closed", c.GetProperty("Outcome").GetString());

        // The closed end's owner sees ECONNABORTED (tcp_abort), the peer the reset it was sent.
        Assert.Equal("ConnectionAborted", a.GetProperty("ClientRead").GetString());
        Assert.Equal("ConnectionReset", a.GetProperty("ServerRead").GetString());
        Assert.Equal("ConnectionAborted", c.GetProperty("ClientRead").GetString());
        Assert.Equal("ConnectionReset", c.GetProperty("ServerRead").GetString());

        // Closing the same object again: the socket is gone, and the answer says so.
        Assert.Equal("NotFound", a.GetProperty("Again").GetString());
        Assert.StartsWith("not found", a.GetProperty("AgainMessage").GetString(), StringComparison.Ordinal);

        // The other pair on the same listener is untouched, and so is the listener (refused, still accepting).
        Assert.True(b.GetProperty("Echo").GetBoolean());
        Assert.Equal("Timeout", b.GetProperty("ClientRead").GetString());
        Assert.Equal("Timeout", b.GetProperty("ServerRead").GetString());
        JsonElement listener = r.GetProperty("Listener");
        Assert.Equal("NotClosable", listener.GetProperty("Outcome").GetString());
        Assert.Contains("listener", listener.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.True(listener.GetProperty("StillAccepts").GetBoolean());
        Assert.Equal(0, r.GetProperty("NowhereCount").GetInt32());

        // Closed in the meantime: its server end lingers in TimeWait (with the same cookie); that is not destroyed.
        JsonElement d = r.GetProperty("D");
        Assert.Equal("NotFound", d.GetProperty("Outcome").GetString());
        Assert.Equal("not found: it closed in the meantime (its socket is now TimeWait).", d.GetProperty("Message").GetString());
        string[] dBefore = d.GetProperty("RowsBefore").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Single(dBefore, k => k.EndsWith(" TimeWait", StringComparison.Ordinal));
        Assert.Single(dBefore, k => k.EndsWith(" Listen", StringComparison.Ordinal));
        Assert.Equal(dBefore, d.GetProperty("RowsAfter").EnumerateArray().Select(e => e.GetString()!).ToArray());

        // The rows: both ends of A and C are gone, B and the listeners remain; nothing else changed.
        string[] before = r.GetProperty("Before").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] after = r.GetProperty("After").EnumerateArray().Select(e => e.GetString()!).ToArray();
        int aPort = a.GetProperty("Client").GetInt32();
        int cPort = c.GetProperty("Client").GetInt32();
        string[] expected = before.Where(k => !k.Contains($":{aPort} ", StringComparison.Ordinal) && !k.Contains($":{cPort} ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, before.Length); // 2 listeners, 3 pairs x 2 ends
        Assert.Equal(4, expected.Length);
        Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), after.OrderBy(k => k, StringComparer.Ordinal));
    }

    [FactNeeding(MachineNeed.Ss)]
    public void TheSocketCookieIsTheOneSsShowsAsSk()
    {
        using var held = HeldSockets.Start(false, "tcp-pair:127.0.0.2");
        var mine = Readers.ConnectionReader.Read(new Abstractions.ConnectionQuery { Protocols = new[] { TransportProtocol.Tcp }, IncludeProcessInfo = false }).Items
            .Where(c => held.Sockets.Contains(HeldSockets.KeyOf(c))).ToList();
        Assert.Equal(3, mine.Count);
        foreach (Connection c in mine)
        {
            var ss = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ss", new[] { "-tenaH", $"( sport = :{c.LocalPort} and dport = :{c.RemotePort} )" }) { RedirectStandardOutput = true })!;
            string line = ss.StandardOutput.ReadToEnd().Trim();
            ss.WaitForExit();
            this.output.WriteLine(line);
            System.Text.RegularExpressions.Match sk = System.Text.RegularExpressions.Regex.Match(line, @" sk:([0-9a-f]+)");
            Assert.True(sk.Success, line);
            Assert.Equal(Convert.ToUInt64(sk.Groups[1].Value, 16), c.SocketCookie);
        }

        Assert.Equal(3, mine.Select(c => c.SocketCookie).Distinct().Count());
    }

    [FactNeeding(MachineNeed.NetworkNamespace | MachineNeed.Setpriv)]
    public void WithoutCapNetAdminNothingIsClosedAndTheErrorNamesTheCapability()
    {
        string dir = LinuxTestSupport.RunInNetns(
            "ip link set lo up\nsetpriv --inh-caps=-net_admin --bounding-set=-net_admin \"$HOST\" close-check > \"$OUT/close.json\"\n",
            remountSysfs: false);
        JsonElement r = LinuxTestSupport.Json(dir, "close.json");
        this.output.WriteLine(r.ToString());

        foreach (string pair in new[] { "A", "C" })
        {
            JsonElement p = r.GetProperty(pair);
            Assert.Equal("AccessDenied", p.GetProperty("Outcome").GetString());
            Assert.Contains("CAP_NET_ADMIN", p.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Equal("Timeout", p.GetProperty("ClientRead").GetString());
            Assert.Equal("Timeout", p.GetProperty("ServerRead").GetString());
        }

        // Every row is still there.
        string[] before = r.GetProperty("Before").EnumerateArray().Select(e => e.GetString()!).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        string[] after = r.GetProperty("After").EnumerateArray().Select(e => e.GetString()!).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.Equal(8, before.Length);
        Assert.Equal(before, after);
    }
}
