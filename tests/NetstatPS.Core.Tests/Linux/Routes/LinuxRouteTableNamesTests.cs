using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NetstatPS.Decoders.Linux;
using NetstatPS.Platforms.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>rt_tables files: the line format iproute2 reads, the /etc over /usr precedence, rt_tables.d, and the names both ways.</summary>
public sealed class LinuxRouteTableNamesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "nsps-rt-tables-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(this.root))
        {
            Directory.Delete(this.root, recursive: true);
        }
    }

    [Fact]
    public void ReadsPairsAsIproute2Does()
    {
        var pairs = new List<RouteTableName>();
        bool whole = LinuxRouteTableFileDecoder.Decode(Encoding.UTF8.GetBytes(
            "#\n# reserved values\n#\n255\tlocal\n254\tmain\n  253 default\n0\tunspec\n\n#1\tinr.ruhep\n100 blue # lab\n0x12c wide\n200red\n-5 negative\n4294967296 toobig\n4294967295 max\r\n"), pairs);
        Assert.True(whole);
        Assert.Equal(
            new[] { "255 local", "254 main", "253 default", "0 unspec", "100 blue", "300 wide", "200 red", "4294967295 max" },
            pairs.Select(p => p.ToString()));
    }

    [Fact]
    public void ACorruptLineEndsTheFileThere()
    {
        var pairs = new List<RouteTableName>();
        Assert.False(LinuxRouteTableFileDecoder.Decode(Encoding.UTF8.GetBytes("100 blue\nnonsense\n200 red\n"), pairs));
        Assert.Equal(new[] { "100 blue" }, pairs.Select(p => p.ToString()));
        Assert.False(LinuxRouteTableFileDecoder.Decode(Encoding.UTF8.GetBytes("300\n"), pairs));
    }

    [Fact]
    public void NamesBothWaysLaterDefinitionsWinAndNumbersRemainNumbers()
    {
        var map = new LinuxRouteTableNameMap();
        map.Add(new[] { new RouteTableName(100, "blue"), new RouteTableName(101, "Green"), new RouteTableName(100, "azure"), new RouteTableName(254, "main") });
        Assert.Equal(("azure", "Green", "main", "local", "default", "4242"), (map.NameOf(100), map.NameOf(101), map.NameOf(254), map.NameOf(255), map.NameOf(253), map.NameOf(4242)));
        Assert.True(map.TryParse("blue", out long blue));
        Assert.True(map.TryParse("AZURE", out long azure));
        Assert.True(map.TryParse("green", out long green));
        Assert.True(map.TryParse(" main ", out long main));
        Assert.True(map.TryParse("77", out long number));
        Assert.False(map.TryParse("purple", out _));
        Assert.Equal((100L, 100L, 101L, 254L, 77L), (blue, azure, green, main, number));
        Assert.Equal(new[] { "100 azure", "101 Green" }, map.Defined.Select(p => p.ToString()));
    }

    [Fact]
    public void EtcOverridesTheDistributionsFileAndEveryConfDirectoryIsRead()
    {
        string etc = this.Dir("etc"), usr = this.Dir("usr");
        File.WriteAllText(Path.Combine(usr, "rt_tables"), "100 vendor\n");
        this.Dir("usr", "rt_tables.d");
        File.WriteAllText(Path.Combine(usr, "rt_tables.d", "a.conf"), "110 vendor-a\n");
        File.WriteAllText(Path.Combine(usr, "rt_tables.d", "b.conf"), "120 vendor-b\n");
        File.WriteAllText(Path.Combine(usr, "rt_tables.d", "ignored.txt"), "130 not-conf\n");

        // No /etc file: the distribution's file counts.
        var files = new LinuxRouteTableFiles(etc, Path.Combine(this.root, "missing"), usr);
        Assert.Equal(new[] { "100 vendor", "110 vendor-a", "120 vendor-b" }, files.Read().Defined.Select(p => p.ToString()));

        // /etc's file replaces it; /etc's b.conf replaces the vendor's b.conf by name; /etc's own .conf adds.
        File.WriteAllText(Path.Combine(etc, "rt_tables"), "255 local\n254 main\n200 blue\n");
        this.Dir("etc", "rt_tables.d");
        File.WriteAllText(Path.Combine(etc, "rt_tables.d", "b.conf"), "121 admin-b\n");
        File.WriteAllText(Path.Combine(etc, "rt_tables.d", "c.conf"), "0x12c wide\n");
        File.WriteAllText(Path.Combine(etc, "rt_tables.d", ".hidden.conf"), "140 hidden\n");
        LinuxRouteTableNameMap map = files.Read();
        Assert.Equal(new[] { "110 vendor-a", "121 admin-b", "200 blue", "300 wide" }, map.Defined.Select(p => p.ToString()));
        Assert.Equal("100", map.NameOf(100));
    }

    [Fact]
    public void NoFilesLeaveTheKernelsNames()
    {
        LinuxRouteTableNameMap map = new LinuxRouteTableFiles(Path.Combine(this.root, "none"), Path.Combine(this.root, "none2")).Read();
        Assert.Empty(map.Defined);
        Assert.Equal("main", map.NameOf(254));
    }

    [Fact]
    public void TheFileDecoderTakesAnyText() =>
        Prop.ForAll<string>(text =>
        {
            var pairs = new List<RouteTableName>();
            LinuxRouteTableFileDecoder.Decode(Encoding.UTF8.GetBytes(text ?? string.Empty), pairs);
            Assert.All(pairs, p => Assert.InRange(p.Id, 0, uint.MaxValue));
            Assert.All(pairs, p => Assert.False(string.IsNullOrWhiteSpace(p.Name)));
        }).QuickCheckThrowOnFailure();

    private string Dir(params string[] parts)
    {
        string d = Path.Combine(new[] { this.root }.Concat(parts).ToArray());
        Directory.CreateDirectory(d);
        return d;
    }
}
