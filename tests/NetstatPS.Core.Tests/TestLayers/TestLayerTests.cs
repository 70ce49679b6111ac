using System;
using System.IO;
using Xunit;

namespace NetstatPS.Core.Tests.TestLayers;

/// <summary>The skip-unless-CI rule on inputs chosen here, independent of what this machine has installed.</summary>
public class TestLayerTests
{
    private static readonly string[] WineMissing = { "wine64 not found at /nowhere/wine64: apt-get install wine64 to run the Windows-provider layer (CI installs it)" };

    [Fact]
    public void NothingMissingMeansRunOutsideAndInsideCi()
    {
        Assert.Null(TestLayer.SkipReason(Array.Empty<string>(), ci: false));
        Assert.Null(TestLayer.SkipReason(Array.Empty<string>(), ci: true));
        Assert.Null(TestLayer.RequireFailure(Array.Empty<string>()));
    }

    [Fact]
    public void AMissingLayerOutsideCiIsASkipThatSaysHowToEnableIt()
    {
        string? skip = TestLayer.SkipReason(new[] { WineMissing[0], "ss not found on PATH: apt-get install iproute2 to run the ss cross-checks (CI installs it)" }, ci: false);
        Assert.NotNull(skip);
        Assert.StartsWith(WineMissing[0] + "; ss not found on PATH: apt-get install iproute2", skip, StringComparison.Ordinal);
        Assert.EndsWith("(with CI=true this is a failure, not a skip)", skip, StringComparison.Ordinal);
    }

    [Fact]
    public void UnderCiAMissingLayerIsNeverASkipButAFailure()
    {
        Assert.Null(TestLayer.SkipReason(WineMissing, ci: true));
        string? failure = TestLayer.RequireFailure(WineMissing);
        Assert.NotNull(failure);
        Assert.Contains("CI=true makes a missing layer a failure", failure, StringComparison.Ordinal);
        Assert.EndsWith(WineMissing[0], failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" true\n", true)]
    [InlineData("false", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyCiTrueMeansCi(string? value, bool ci) => Assert.Equal(ci, TestLayer.IsCiValue(value));

    [Theory]
    [InlineData(null, "/usr/lib/wine/wine64")]
    [InlineData("", "/usr/lib/wine/wine64")]
    [InlineData("/opt/wine/bin/wine64", "/opt/wine/bin/wine64")]
    public void Wine64IsDebiansUnlessNspsWine64NamesAnother(string? variable, string path) => Assert.Equal(path, TestLayer.Wine64PathFrom(variable));

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // mode bits; the layers are Linux's
    public void AToolIsFoundOnlyAsAnExecutableFileInAPathDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nsps-path-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string tool = Path.Combine(dir, "tool");
            File.WriteAllText(tool, "#!/bin/sh\n");
            File.WriteAllText(Path.Combine(dir, "plain"), "not executable");
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(dir, "plain"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

            Assert.Equal(tool, TestLayer.FindOnPath("tool", "/nonexistent:" + dir));
            Assert.Null(TestLayer.FindOnPath("plain", dir));
            Assert.Null(TestLayer.FindOnPath("tool", "/nonexistent"));
            Assert.Null(TestLayer.FindOnPath("tool", null));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ACompositeLayerAsksForEachOfItsParts()
    {
        Assert.Equal(MachineNeed.Root | MachineNeed.Unshare | MachineNeed.Ip, MachineNeed.NetworkNamespace);
        Assert.True(MachineNeed.WineLayer.HasFlag(MachineNeed.NetworkNamespace | MachineNeed.Ss | MachineNeed.Wine64));

        // Missing() reports a part only when it is asked for: nothing for no needs, whatever is missing here is a subset.
        Assert.Empty(TestLayer.Missing(MachineNeed.None));
        Assert.Subset(
            new System.Collections.Generic.HashSet<string>(TestLayer.Missing(MachineNeed.WineLayer | MachineNeed.OtherUser | MachineNeed.Python3 | MachineNeed.Nstat)),
            new System.Collections.Generic.HashSet<string>(TestLayer.Missing(MachineNeed.Wine64)));
    }
}
