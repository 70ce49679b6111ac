using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>A running <c>nsps-testhost hold …</c> child (optionally as user nobody): its pid and the sockets it reports holding.</summary>
internal sealed class HeldSockets : IDisposable
{
    private readonly Process process;

    private HeldSockets(Process process, JsonElement description)
    {
        this.process = process;
        this.ProcessId = description.GetProperty("ProcessId").GetInt32();
        this.Sockets = description.GetProperty("Sockets").EnumerateArray()
            .Select(s => new SocketKey(
                Enum.Parse<TransportProtocol>(s.GetProperty("Protocol").GetString()!),
                Enum.Parse<IPAddressFamily>(s.GetProperty("AddressFamily").GetString()!),
                s.GetProperty("LocalAddress").GetString()!,
                s.GetProperty("LocalPort").GetInt32(),
                s.GetProperty("RemoteAddress").GetString()!,
                s.GetProperty("RemotePort").GetInt32(),
                Enum.Parse<ConnectionState>(s.GetProperty("State").GetString()!)))
            .ToList();
        this.UnixSockets = description.GetProperty("UnixSockets").EnumerateArray()
            .Select(s => new UnixKey(
                Enum.Parse<System.Net.Sockets.SocketType>(s.GetProperty("SocketType").GetString()!),
                s.GetProperty("Path").GetString(),
                Enum.Parse<ConnectionState>(s.GetProperty("State").GetString()!),
                s.GetProperty("Inode").GetInt64(),
                LinuxTestSupport.Num(s, "PeerInode")))
            .ToList();
    }

    public static string TestHostPath => Path.Combine(AppContext.BaseDirectory, "nsps-testhost");

    /// <summary>All socket kinds on IPv4 and IPv6 loopback.</summary>
    public static string[] EveryKind { get; } =
    {
        "tcp-listen:127.0.0.1", "tcp-listen:::1", "tcp-pair:127.0.0.2", "tcp-pair:::1",
        "udp:127.0.0.3", "udp:::1", "udp-connected:127.0.0.4", "udp-connected:::1",
    };

    public int ProcessId { get; }

    public IReadOnlyList<SocketKey> Sockets { get; }

    /// <summary>The Unix sockets the child holds (unix-* kinds), with the inodes its descriptors link to.</summary>
    public IReadOnlyList<UnixKey> UnixSockets { get; }

    public static HeldSockets Start(bool asNobody, params string[] specs)
    {
        var start = new ProcessStartInfo(asNobody ? "setpriv" : TestHostPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // No diagnostics IPC listener (/tmp/dotnet-diagnostic-PID-…): the child's Unix sockets are exactly the ones it was asked for.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        if (asNobody)
        {
            foreach (string a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", TestHostPath })
            {
                start.ArgumentList.Add(a);
            }
        }

        start.ArgumentList.Add("hold");
        foreach (string spec in specs)
        {
            start.ArgumentList.Add(spec);
        }

        Process p = Process.Start(start)!;
        string? line = p.StandardOutput.ReadLine();
        if (line is null)
        {
            throw new InvalidOperationException("nsps-testhost hold failed: " + p.StandardError.ReadToEnd());
        }

        return new HeldSockets(p, JsonDocument.Parse(line).RootElement);
    }

    public static UnixKey UnixKeyOf(Connection c) => new(c.SocketType, c.Path, c.State, c.Inode!.Value, c.PeerInode);

    public static SocketKey KeyOf(Connection c) =>
        new(c.Protocol, c.AddressFamily!.Value, c.LocalAddress!, c.LocalPort!.Value, c.RemoteAddress!, c.RemotePort!.Value, c.State);

    public void Dispose()
    {
        this.process.StandardInput.Close();
        if (!this.process.WaitForExit(10000))
        {
            this.process.Kill();
        }

        this.process.Dispose();
    }

    internal sealed record UnixKey(System.Net.Sockets.SocketType Type, string? Path, ConnectionState State, long Inode, long? PeerInode);

    internal sealed record SocketKey(TransportProtocol Protocol, IPAddressFamily Family, string Local, int LocalPort, string Remote, int RemotePort, ConnectionState State);
}
