using System;

namespace NetstatPS.Benchmarks;

/// <summary>
/// Entry point. With no mode argument it is the benchmark: it re-executes itself inside a private
/// network + pid namespace ("inner") and prints the report. The other modes are for its own children:
/// "farm-child" holds a share of the socket farm, "query" runs one NetstatPS query in a fresh process.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            if (args.Length > 0)
            {
                switch (args[0])
                {
                    case FarmChild.Mode:
                        return FarmChild.Run(args.AsSpan(1).ToArray());
                    case QueryMode.Mode:
                        return QueryMode.Run(args.AsSpan(1).ToArray());
                    case NamespaceLauncher.InnerMode:
                        return BenchOptions.TryParse(args.AsSpan(1).ToArray(), out BenchOptions? inner, out string? innerError)
                            ? new BenchmarkRunner(inner!, insideNamespace: true).Run()
                            : Usage(innerError);
                    default:
                        break;
                }
            }

            if (!BenchOptions.TryParse(args, out BenchOptions? options, out string? error))
            {
                return Usage(error);
            }

            if (options!.Help)
            {
                Console.Out.WriteLine(BenchOptions.HelpText);
                return 0;
            }

            return NamespaceLauncher.Run(options, args);
        }
#pragma warning disable CA1031 // The benchmark reports any failure of its own as exit code 1 with the message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine("benchmark broke: " + e);
            return 1;
        }
    }

    private static int Usage(string? error)
    {
        Console.Error.WriteLine(error);
        Console.Error.WriteLine(BenchOptions.HelpText);
        return 2;
    }
}
