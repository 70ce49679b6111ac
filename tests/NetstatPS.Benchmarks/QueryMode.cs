using System;
using System.Globalization;
using System.IO;
using System.Text;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.Benchmarks;

/// <summary>
/// "query" mode: a fresh process runs one NetstatPS query once and prints one line per row, like an
/// nsps command-line tool would — the fair counterpart of ss, which is a fresh process every time
/// (it pays runtime start-up and JIT, which the in-process numbers do not).
/// </summary>
internal static class QueryMode
{
    public const string Mode = "query";

    public static int Run(string[] args)
    {
        string name = args.Length > 0 ? args[0] : BenchQuery.AllOwners;
        int port = args.Length > 1 ? int.Parse(args[1], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        QueryResult<Connection> result = ConnectionReader.Read(BenchQuery.Create(name, port));
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder(128);
        foreach (Connection c in result.Items)
        {
            line.Clear()
                .Append(c.State.ToString()).Append(' ')
                .Append(c.LocalAddress).Append(':').Append(c.LocalPort).Append(' ')
                .Append(c.RemoteAddress).Append(':').Append(c.RemotePort);
            if (c.ProcessId is int pid)
            {
                line.Append(' ').Append(pid).Append('/').Append(c.ProcessName);
            }

            line.Append('\n');
            output.Write(line);
        }

        foreach (string w in result.Warnings)
        {
            Console.Error.WriteLine("warning: " + w);
        }

        return 0;
    }
}
