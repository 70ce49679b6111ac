using System;
using System.Collections.Generic;

namespace NetstatPS.TestHost;

/// <summary>Minimal "--name value" / "--flag" parsing shared by the statistics subcommands.</summary>
internal sealed class TestHostArgs
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    public TestHostArgs(string[] args, params string[] flagNames)
    {
        var isFlag = new HashSet<string>(flagNames, StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (isFlag.Contains(a))
            {
                this.flags.Add(a);
            }
            else if (a.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                if (!this.values.TryGetValue(a, out List<string>? list))
                {
                    this.values[a] = list = new List<string>();
                }

                list.Add(args[++i]);
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{a}'");
            }
        }
    }

    public bool Has(string flag) => this.flags.Contains(flag);

    public IReadOnlyList<string> All(string name) => this.values.TryGetValue(name, out List<string>? list) ? list : Array.Empty<string>();

    public string? One(string name) => this.values.TryGetValue(name, out List<string>? list) ? list[^1] : null;
}
