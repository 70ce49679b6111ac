using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace NetstatPS.Benchmarks;

/// <summary>
/// The benchmark's side of the socket farm: starts the farm processes (this program in farm-child
/// mode), waits until each reports its sockets, and takes them down again by closing their stdin,
/// then killing by id any that did not exit.
/// </summary>
internal sealed class SocketFarm : IDisposable
{
    /// <summary>First listener port; ports run up from here, PortStride per process, below the ephemeral range.</summary>
    public const int FirstPort = 20000;

    private readonly List<Process> children = new();

    private SocketFarm(int hotPort)
    {
        this.HotPort = hotPort;
    }

    /// <summary>Farm processes started and still tracked.</summary>
    public int ProcessCount => this.children.Count;

    /// <summary>Sockets the farm processes reported open.</summary>
    public int Sockets { get; private set; }

    /// <summary>The port the first farm process listens on (with established connections to it).</summary>
    public int HotPort { get; }

    /// <summary>Connections to <see cref="HotPort"/> (each gives two rows with port HotPort).</summary>
    public int HotPairs { get; private set; }

    /// <summary>How long it took until every process was ready.</summary>
    public TimeSpan BuildTime { get; private set; }

    /// <summary>Process ids of the farm, to tell them apart from the tools' own processes.</summary>
    public IEnumerable<int> ProcessIds
    {
        get
        {
            foreach (Process p in this.children)
            {
                yield return p.Id;
            }
        }
    }

    public static SocketFarm Start(int sockets, BenchOptions options)
    {
        int count = Math.Max(options.MinChildren, (sockets + options.PerChild - 1) / options.PerChild);
        int listenersPerChild = 2 * FarmChild.PortsPerChild;
        if (sockets / count < listenersPerChild + 3)
        {
            count = Math.Max(1, sockets / (listenersPerChild + 3));
        }

        var farm = new SocketFarm(options.HotPort);
        var sw = Stopwatch.StartNew();
        try
        {
            // The hot port's connections: a few rows out of many, ~1 in 1000 sockets.
            farm.HotPairs = Math.Max(5, sockets / 2000);
            for (int i = 0; i < count; i++)
            {
                int share = (sockets / count) + (i < sockets % count ? 1 : 0);
                ProcessStartInfo psi = SelfCommand.Create(
                    FarmChild.Mode,
                    "--sockets", Str(share),
                    "--port-base", Str(FirstPort + (i * FarmChild.PortStride)),
                    "--hot-port", Str(i == 0 ? options.HotPort : 0),
                    "--hot-pairs", Str(i == 0 ? farm.HotPairs : 0),
                    "--ttl", Str(options.TtlSeconds));
                psi.RedirectStandardInput = true;
                psi.RedirectStandardOutput = true;
                farm.children.Add(Process.Start(psi) ?? throw new InvalidOperationException("could not start a farm process"));
            }

            var ready = new Task<string?>[count];
            for (int i = 0; i < count; i++)
            {
                ready[i] = farm.children[i].StandardOutput.ReadLineAsync();
            }

            if (!Task.WaitAll(ready, TimeSpan.FromSeconds(Math.Max(120, sockets / 500))))
            {
                throw new TimeoutException("farm processes did not all report ready in time");
            }

            int total = 0;
            for (int i = 0; i < count; i++)
            {
                string? line = ready[i].Result;
                if (line is null || !line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"farm process {i} failed: {line ?? "exited without a word"}");
                }

                total += int.Parse(line.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture);
            }

            farm.Sockets = total;
            farm.BuildTime = sw.Elapsed;
            return farm;
        }
        catch
        {
            farm.Dispose();
            throw;
        }
    }

    /// <summary>Closes every farm process's stdin (they exit and their sockets reset), then kills by id any still running.</summary>
    public void Dispose()
    {
        foreach (Process p in this.children)
        {
            try
            {
                p.StandardInput.Close();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (System.IO.IOException)
            {
                // Pipe already broken: the process is gone.
            }
        }

        foreach (Process p in this.children)
        {
            if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                try
                {
                    p.Kill();
                    p.WaitForExit(TimeSpan.FromSeconds(10));
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }

            p.Dispose();
        }

        this.children.Clear();
    }

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
