using System;
using System.IO;
using System.Text;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>/proc/PID/cgroup → unit, slice and container, on the fixtures of tests/fixtures/linux/cgroup (see its README).</summary>
public class LinuxCgroupDecoderTests
{
    private const string Id = "4f1c3b9a7e2d6c5b8a9f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3";

    private static CgroupIdentity Decode(string name) =>
        LinuxCgroupDecoder.Decode(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "linux", "cgroup", name + ".cgroup")));

    [Theory]
    [InlineData("hybrid-nginx-both", "nginx.service", "system.slice", null)]
    [InlineData("hybrid-nginx-systemd-only", "nginx.service", "system.slice", null)]
    [InlineData("hybrid-nginx-unified-only", "nginx.service", "system.slice", null)]
    [InlineData("hybrid-session", "session-3.scope", "user-1000.slice", null)]
    [InlineData("hybrid-user-app", "user@1000.service", "user-1000.slice", "vte-spawn-5b2c.scope")]
    [InlineData("v2-nginx", "nginx.service", "system.slice", null)]
    [InlineData("v2-init", "init.scope", "-.slice", null)]
    [InlineData("v2-user-manager", "user@1000.service", "user-1000.slice", "init.scope")]
    [InlineData("v2-outside-namespace", "sshd.service", "system.slice", null)]
    [InlineData("v2-escaped", "cpu.service", "system.slice", null)]
    [InlineData("v1-nginx", "nginx.service", "system.slice", null)]
    public void UnitsAndSlices(string file, string unit, string slice, string? userUnit)
    {
        CgroupIdentity c = Decode(file);
        Assert.Equal(unit, c.Unit);
        Assert.Equal(slice, c.Slice);
        Assert.Equal(userUnit, c.UserUnit);
        Assert.Null(c.ContainerId);
        Assert.Null(c.ContainerRuntime);
    }

    [Theory]
    [InlineData("hybrid-docker-scope", "docker", "docker-" + Id + ".scope", "system.slice")]
    [InlineData("hybrid-docker-cgroupfs", "docker", null, null)]
    [InlineData("hybrid-docker-controllers-only", "docker", null, null)]
    [InlineData("hybrid-kubepods-cri-containerd", "containerd", "cri-containerd-" + Id + ".scope", "kubepods-burstable-pod6b8e1d2a_3c4f_4e5a_9b7c_0d1e2f3a4b5c.slice")]
    [InlineData("hybrid-kubepods-cgroupfs", "kubernetes", null, null)]
    [InlineData("hybrid-podman", "podman", "libpod-" + Id + ".scope", "machine.slice")]
    [InlineData("v2-crio", "cri-o", "crio-" + Id + ".scope", "kubepods-besteffort-pod6b8e1d2a_3c4f_4e5a_9b7c_0d1e2f3a4b5c.slice")]
    [InlineData("v2-podman-rootless", "podman", "user@1000.service", "user-1000.slice")]
    [InlineData("v1-docker-cgroupfs", "docker", null, null)]
    [InlineData("v1-kubepods-guaranteed", "kubernetes", null, null)]
    public void Containers(string file, string runtime, string? unit, string? slice)
    {
        CgroupIdentity c = Decode(file);
        Assert.Equal(Id, c.ContainerId);
        Assert.Equal(runtime, c.ContainerRuntime);
        Assert.Equal(unit, c.Unit);
        Assert.Equal(slice, c.Slice);
    }

    [Theory]
    [InlineData("hybrid-podman-conmon", "libpod-conmon-" + Id + ".scope")]
    [InlineData("v2-crio-conmon", "crio-conmon-" + Id + ".scope")]
    [InlineData("v2-docker-bad-id", "docker-4f1c3b9a7e2d6c5b8a9f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4fg.scope")]
    public void MonitorsAndBadIdsAreNotContainers(string file, string unit)
    {
        CgroupIdentity c = Decode(file);
        Assert.Equal(unit, c.Unit);
        Assert.Null(c.ContainerId);
        Assert.Null(c.ContainerRuntime);
    }

    [Fact]
    public void TheRootCgroupSaysNothing()
    {
        Assert.Same(CgroupIdentity.None, Decode("hybrid-root"));
        Assert.Same(CgroupIdentity.None, LinuxCgroupDecoder.Decode(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void ThisProcessDecodesWithoutError()
    {
        // Whatever this test runs in, the live file decodes, and agrees with the unified line's last segment when that is a unit.
        byte[] live = File.ReadAllBytes("/proc/self/cgroup");
        CgroupIdentity c = LinuxCgroupDecoder.Decode(live);
        string text = Encoding.UTF8.GetString(live);
        if (c.Unit is string unit)
        {
            Assert.Contains("/" + unit, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatedCorruptedAndRandomInputNeverThrows()
    {
        var random = new Random(20261202);
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "linux", "cgroup"), "*.cgroup"))
        {
            byte[] bytes = File.ReadAllBytes(file);
            for (int length = 0; length <= bytes.Length; length++)
            {
                LinuxCgroupDecoder.Decode(bytes.AsSpan(0, length));
            }

            for (int i = 0; i < 500; i++)
            {
                byte[] corrupt = (byte[])bytes.Clone();
                corrupt[random.Next(corrupt.Length)] = (byte)"/:.-\n\0x"[random.Next(7)];
                LinuxCgroupDecoder.Decode(corrupt);
            }
        }

        for (int i = 0; i < 2000; i++)
        {
            byte[] noise = new byte[random.Next(200)];
            random.NextBytes(noise);
            LinuxCgroupDecoder.Decode(noise);
        }
    }

    [Theory]
    [InlineData("/usr/sbin/nginx\0-g\0daemon off;\0", "/usr/sbin/nginx -g daemon off;")]
    [InlineData("sleep\0" + "300\0", "sleep 300")]
    [InlineData("", null)]
    [InlineData("\0", null)]
    [InlineData("nginx: worker process", "nginx: worker process")]
    public void CommandLines(string cmdline, string? expected) =>
        Assert.Equal(expected, LinuxCommandLineDecoder.Decode(Encoding.UTF8.GetBytes(cmdline)));
}
