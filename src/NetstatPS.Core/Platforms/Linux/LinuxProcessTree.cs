using System;
using System.Collections.Generic;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Who forked whom: the parent of every listed process, from /proc/[pid]/stat (field 4, after the
/// command name in parentheses, which may itself hold spaces and parentheses). Read once per
/// selective owner walk; a process that exits meanwhile simply has no parent here.
/// </summary>
internal sealed unsafe class LinuxProcessTree
{
    private const int StatBufferSize = 1024;

    private readonly Dictionary<int, int> parents;
    private readonly Dictionary<int, List<int>> children = new();

    private LinuxProcessTree(Dictionary<int, int> parents)
    {
        this.parents = parents;
        foreach (KeyValuePair<int, int> p in parents)
        {
            if (!this.children.TryGetValue(p.Value, out List<int>? list))
            {
                this.children[p.Value] = list = new List<int>();
            }

            list.Add(p.Key);
        }
    }

    /// <summary>Reads the parents of <paramref name="pids"/>.</summary>
    /// <param name="procFd">An open descriptor of the proc mount.</param>
    /// <param name="pids">The processes.</param>
    /// <returns>The tree.</returns>
    public static LinuxProcessTree Read(int procFd, IReadOnlyList<int> pids)
    {
        var parents = new Dictionary<int, int>(pids.Count);
        byte* path = stackalloc byte[64];
        byte* stat = stackalloc byte[StatBufferSize];
        foreach (int pid in pids)
        {
            WriteStatPath(path, pid);
            int fd = LibCFiles.OpenAt(procFd, path, LibCFiles.O_RDONLY | LibCFiles.O_CLOEXEC);
            if (fd < 0)
            {
                continue;
            }

            long n = LibCFiles.Read(fd, stat, (UIntPtr)StatBufferSize).ToInt64();
            LibCFiles.Close(fd);
            if (n > 0 && TryParseParent(new ReadOnlySpan<byte>(stat, (int)n), out int parent))
            {
                parents[pid] = parent;
            }
        }

        return new LinuxProcessTree(parents);
    }

    /// <summary>The ppid field of a /proc/[pid]/stat line: "pid (comm) state ppid …".</summary>
    /// <param name="stat">The file's start.</param>
    /// <param name="parent">The parent's id.</param>
    /// <returns>Whether the line held one.</returns>
    internal static bool TryParseParent(ReadOnlySpan<byte> stat, out int parent)
    {
        parent = 0;
        int close = stat.LastIndexOf((byte)')');
        if (close < 0 || close + 4 >= stat.Length)
        {
            return false;
        }

        // ") S 1234 "
        ReadOnlySpan<byte> rest = stat.Slice(close + 1);
        int at = 0;
        while (at < rest.Length && rest[at] == (byte)' ')
        {
            at++;
        }

        while (at < rest.Length && rest[at] != (byte)' ')
        {
            at++; // the state letter
        }

        while (at < rest.Length && rest[at] == (byte)' ')
        {
            at++;
        }

        int digits = 0;
        while (at < rest.Length && rest[at] >= (byte)'0' && rest[at] <= (byte)'9' && digits < 10)
        {
            parent = (parent * 10) + (rest[at] - '0');
            at++;
            digits++;
        }

        return digits > 0 && digits < 10;
    }

    /// <summary>Every descendant of <paramref name="roots"/> (children, their children …), roots excluded, each once.</summary>
    /// <param name="roots">The processes.</param>
    /// <returns>The descendants.</returns>
    public List<int> Descendants(IEnumerable<int> roots)
    {
        var result = new List<int>();
        var seen = new HashSet<int>(roots);
        var pending = new Stack<int>(seen);
        while (pending.Count > 0)
        {
            if (this.children.TryGetValue(pending.Pop(), out List<int>? kids))
            {
                foreach (int kid in kids)
                {
                    if (seen.Add(kid))
                    {
                        result.Add(kid);
                        pending.Push(kid);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The ancestors of <paramref name="pids"/> up to the first process (its parent is 0), nearest first, each once.</summary>
    /// <param name="pids">The processes.</param>
    /// <returns>The ancestors.</returns>
    public List<int> Ancestors(IEnumerable<int> pids)
    {
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (int pid in pids)
        {
            int at = pid;
            while (this.parents.TryGetValue(at, out int parent) && parent > 0 && seen.Add(parent))
            {
                result.Add(parent);
                at = parent;
            }
        }

        return result;
    }

    private static void WriteStatPath(byte* path, int pid)
    {
        string text = pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/stat";
        int i = 0;
        foreach (char ch in text)
        {
            path[i++] = (byte)ch;
        }

        path[i] = 0;
    }
}
