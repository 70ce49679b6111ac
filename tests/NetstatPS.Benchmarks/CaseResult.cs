using System.Collections.Generic;
using System.Linq;

namespace NetstatPS.Benchmarks;

/// <summary>One case at one farm size: the commands that were alternated and their timings.</summary>
internal sealed class CaseResult
{
    public CaseResult(string name, int sockets, int processes, IReadOnlyList<Contender> contenders)
    {
        this.Name = name;
        this.Sockets = sockets;
        this.Processes = processes;
        this.Contenders = contenders;
    }

    public string Name { get; }

    public int Sockets { get; }

    public int Processes { get; }

    public IReadOnlyList<Contender> Contenders { get; }

    public Contender? Find(string contender) => this.Contenders.FirstOrDefault(c => c.Name == contender);
}
