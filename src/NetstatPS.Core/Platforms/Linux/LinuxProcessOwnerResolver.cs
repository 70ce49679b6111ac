using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;
using NetstatPS.Naming;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Finds socket owners with ONE walk of /proc/[pid]/fd per call: getdents64 over /proc and over each
/// process's fd directory, readlinkat of each descriptor relative to that directory (no path strings),
/// and a lookup of "socket:[inode]" in a dictionary of the inodes of the rows asked about (sized to
/// them, so it scales where ss's 256-bucket table does not). Every other descriptor costs one
/// readlinkat and a compare. For each process that owns a wanted socket, comm, exe and status are read
/// once and one <see cref="ProcessOwner"/> is shared by all its sockets; a socket held by several
/// processes (a forked server's listener) gets every owner. Threads normally share their process's fd
/// table; a thread with a table of its own (unshare(CLONE_FILES)) holds sockets /proc/[pid]/fd does not
/// show, so those tables are found and walked too (<see cref="LinuxTaskTables"/>: one statx per process,
/// kcmp per thread of multithreaded ones), and their sockets belong to the thread's process. Owners are
/// process ids as the proc mount names them, which is the caller's PID namespace: a process in a child
/// namespace shows with the id the caller sees, not its own. Processes exiting during the walk are skipped.
/// </summary>
internal sealed unsafe class LinuxProcessOwnerResolver : IProcessOwnerResolver, ISelectiveOwnerResolver
{
    private const int DirentBufferSize = 32 * 1024;
    private const int LinkBufferSize = 64;
    private const int PathBufferSize = 64;
    private const int ExeBufferSize = 4096;
    private const int MaxWorkers = 4;

    private readonly string procRoot;
    private readonly bool compareThreadTables;

    private bool useGetDents = true;
    private int threadTablesWalked;
    private int processesWalked;

    /// <summary>Walks this machine's /proc.</summary>
    public LinuxProcessOwnerResolver()
        : this("/proc")
    {
    }

    /// <summary>Walks the proc mount at <paramref name="procRoot"/>.</summary>
    /// <param name="procRoot">Where proc is mounted.</param>
    /// <param name="compareThreadTables">Use kcmp to find threads with tables of their own; tests pass
    /// false to take the path of a system that refuses kcmp.</param>
    internal LinuxProcessOwnerResolver(string procRoot, bool compareThreadTables = true)
    {
        this.procRoot = procRoot;
        this.compareThreadTables = compareThreadTables;
    }

    /// <summary>How many thread fd tables (beyond the processes' own) the last <see cref="Resolve"/> read.</summary>
    internal int ThreadTablesWalked => this.threadTablesWalked;

    /// <summary>How many processes' fd tables the last <see cref="Resolve"/> or <see cref="ResolveSelected"/> opened.</summary>
    internal int ProcessesWalked => this.processesWalked;

    /// <inheritdoc />
    public void Resolve(IReadOnlyList<Connection> connections, WarningCollector warnings)
    {
        this.threadTablesWalked = 0;
        this.processesWalked = 0;
        Dictionary<ulong, int> byInode = Index(connections, out int[]? next);
        if (byInode.Count == 0)
        {
            return;
        }

        int denied = this.Walk(connections, byInode, next);
        if (denied > 0 && LibCFiles.GetEffectiveUserId() is uint euid && euid != 0)
        {
            int hidden = 0;
            foreach (Connection c in connections)
            {
                if (c.Inode is long inode && inode > 0 && c.OwnerCount == 0)
                {
                    hidden++;
                }
            }

            if (hidden > 0)
            {
                warnings.Add(
                    $"Owners of {hidden} sockets belong to other users' processes and are not visible to {CurrentUser(euid)}. " +
                    "Run as root (sudo) to see every owner.");
            }
        }
    }

    /// <inheritdoc />
    public void ResolveSelected(IReadOnlyList<Connection> connections, ConnectionQuery query, WarningCollector warnings)
    {
        this.threadTablesWalked = 0;
        this.processesWalked = 0;
        Dictionary<ulong, int> byInode = Index(connections, out int[]? next);
        if (byInode.Count == 0)
        {
            return;
        }

        int procFd = this.OpenProc();
        if (procFd < 0)
        {
            return;
        }

        try
        {
            List<int> pids = this.ListPids(procFd);
            List<int> selected = this.Select(procFd, pids, query);
            if (selected.Count == 0)
            {
                return;
            }

            // First pass: the selected processes' own tables (and their threads').
            int denied = this.WalkPids(procFd, selected, connections, byInode, next);
            if (denied > 0 && LibCFiles.GetEffectiveUserId() is uint euid && euid != 0)
            {
                warnings.Add(
                    $"{denied} of the selected processes belong to other users, and their sockets are not visible to {CurrentUser(euid)}. " +
                    "Run as root (sudo) to see them.");
            }

            var found = new List<Connection>();
            foreach (Connection c in connections)
            {
                if (c.OwnerCount > 0)
                {
                    found.Add(c);
                }
            }

            if (found.Count > 0)
            {
                this.WalkSharers(procFd, pids, selected, found);
            }
        }
        finally
        {
            LibCFiles.Close(procFd);
        }
    }

    /// <summary>
    /// Second pass: the other processes that can hold the sockets the selected ones hold, so a shared
    /// socket lists every owner. A descriptor reaches another process by fork (its descendants, and the
    /// other descendants of an ancestor that held it first) or by SCM_RIGHTS; so the pass reads the
    /// selected processes' descendants, every ancestor's own table, and the descendants of each ancestor
    /// that holds one of the sockets. Only a socket passed over a Unix socket to an unrelated process
    /// (or left with a process reparented away from its family) is missed; the full walk, without
    /// process filters, still finds it.
    /// </summary>
    private void WalkSharers(int procFd, List<int> pids, List<int> selected, List<Connection> found)
    {
        Dictionary<ulong, int> byInode = Index(found, out int[]? next);
        LinuxProcessTree tree = LinuxProcessTree.Read(procFd, pids);
        var walked = new HashSet<int>(selected);

        var descendants = new List<int>();
        foreach (int pid in tree.Descendants(selected))
        {
            if (walked.Add(pid))
            {
                descendants.Add(pid);
            }
        }

        this.WalkPids(procFd, descendants, found, byInode, next);

        var holders = new List<int>();
        foreach (int ancestor in tree.Ancestors(selected))
        {
            if (!walked.Add(ancestor))
            {
                continue;
            }

            int before = TotalOwners(found);
            this.WalkPids(procFd, new List<int> { ancestor }, found, byInode, next);
            if (TotalOwners(found) != before)
            {
                holders.Add(ancestor);
            }
        }

        var cousins = new List<int>();
        foreach (int pid in tree.Descendants(holders))
        {
            if (walked.Add(pid))
            {
                cousins.Add(pid);
            }
        }

        this.WalkPids(procFd, cousins, found, byInode, next);
    }

    private static int TotalOwners(List<Connection> rows)
    {
        int total = 0;
        foreach (Connection c in rows)
        {
            total += c.OwnerCount;
        }

        return total;
    }

    /// <summary>The listed processes the query's -ProcessId and -ProcessName select (names read from comm only when asked).</summary>
    private List<int> Select(int procFd, List<int> pids, ConnectionQuery query)
    {
        var selected = new List<int>();
        var ids = query.ProcessIds.Count > 0 ? new HashSet<int>(query.ProcessIds) : null;
        byte* path = stackalloc byte[PathBufferSize];
        byte* comm = stackalloc byte[256];
        foreach (int pid in pids)
        {
            if (ids is not null && !ids.Contains(pid))
            {
                continue;
            }

            if (query.ProcessNames.Count > 0)
            {
                WritePidPath(path, pid, "comm"u8);
                int n = ReadSmallFile(procFd, path, comm, 256);
                string? name = n > 0 ? LinuxProcessFileDecoder.DecodeName(new ReadOnlySpan<byte>(comm, n)) : null;
                if (!Readers.ConnectionFilter.MatchesName(query.ProcessNames, name))
                {
                    continue;
                }
            }

            selected.Add(pid);
        }

        return selected;
    }

    private static string CurrentUser(uint euid) =>
        UserNameTable.Shared.Lookup((int)euid) ?? euid.ToString(CultureInfo.InvariantCulture);

    /// <summary>inode → first row index; <paramref name="next"/> chains rows sharing an inode (never in
    /// practice, but a dictionary key collision must not drop a row).</summary>
    private static Dictionary<ulong, int> Index(IReadOnlyList<Connection> connections, out int[]? next)
    {
        var byInode = new Dictionary<ulong, int>(connections.Count);
        next = null;
        for (int i = 0; i < connections.Count; i++)
        {
            if (connections[i].Inode is long inode && inode > 0)
            {
                if (byInode.TryGetValue((ulong)inode, out int first))
                {
                    next ??= CreateChain(connections.Count);
                    next[i] = next[first];
                    next[first] = i;
                }
                else
                {
                    byInode.Add((ulong)inode, i);
                }
            }
        }

        return byInode;
    }

    private static int[] CreateChain(int count)
    {
        var chain = new int[count];
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = -1;
        }

        return chain;
    }

    /// <summary>Writes "&lt;pid&gt;/&lt;leaf&gt;\0" into <paramref name="path"/>.</summary>
    private static void WritePidPath(byte* path, int pid, ReadOnlySpan<byte> leaf)
    {
        Span<byte> digits = stackalloc byte[12];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + (pid % 10));
            pid /= 10;
        }
        while (pid > 0);

        int at = 0;
        while (n > 0)
        {
            path[at++] = digits[--n];
        }

        path[at++] = (byte)'/';
        foreach (byte b in leaf)
        {
            path[at++] = b;
        }

        path[at] = 0;
    }

    private static bool TryParsePid(ReadOnlySpan<byte> name, out int pid)
    {
        pid = 0;
        if (name.IsEmpty || name.Length > 9)
        {
            return false;
        }

        foreach (byte b in name)
        {
            if (b < (byte)'0' || b > (byte)'9')
            {
                return false;
            }

            pid = (pid * 10) + (b - '0');
        }

        return true;
    }

    private static int ReadSmallFile(int procFd, byte* path, byte* buffer, int size)
    {
        int fd = LibCFiles.OpenAt(procFd, path, LibCFiles.O_RDONLY | LibCFiles.O_CLOEXEC);
        if (fd < 0)
        {
            return -1;
        }

        int total = 0;
        while (total < size)
        {
            long n = LibCFiles.Read(fd, buffer + total, (UIntPtr)(size - total)).ToInt64();
            if (n <= 0)
            {
                break;
            }

            total += (int)n;
        }

        LibCFiles.Close(fd);
        return total;
    }

    private static ProcessOwner ReadOwner(int procFd, int pid, byte* path)
    {
        byte* small = stackalloc byte[4096];

        WritePidPath(path, pid, "comm"u8);
        int n = ReadSmallFile(procFd, path, small, 256);
        string? name = n > 0 ? LinuxProcessFileDecoder.DecodeName(new ReadOnlySpan<byte>(small, n)) : null;

        WritePidPath(path, pid, "status"u8);
        n = ReadSmallFile(procFd, path, small, 4096);
        int? uid = n > 0 ? LinuxProcessFileDecoder.DecodeRealUserId(new ReadOnlySpan<byte>(small, n)) : null;

        // exe is readable only for our own processes unless root (ptrace access check): null otherwise.
        string? exe = null;
        byte[] target = new byte[ExeBufferSize];
        fixed (byte* t = target)
        {
            WritePidPath(path, pid, "exe"u8);
            long length = LibCFiles.ReadLinkAt(procFd, path, t, (UIntPtr)target.Length).ToInt64();
            if (length > 0 && length < target.Length)
            {
                exe = OsText.Decode(new ReadOnlySpan<byte>(target, 0, (int)length));
            }
        }

        return new ProcessOwner(pid, name, exe, uid);
    }

    /// <summary>
    /// The walk; returns how many processes' fd directories were not readable (EACCES/EPERM). The
    /// kernel's readlink of /proc/[pid]/fd/N dominates (a few µs each), so processes are shared out
    /// to one worker per core (at most four): different processes' fd tables do not contend.
    /// </summary>
    private int Walk(IReadOnlyList<Connection> connections, Dictionary<ulong, int> byInode, int[]? next)
    {
        int procFd = this.OpenProc();
        if (procFd < 0)
        {
            return 0;
        }

        try
        {
            return this.WalkPids(procFd, this.ListPids(procFd), connections, byInode, next);
        }
        finally
        {
            LibCFiles.Close(procFd);
        }
    }

    private int OpenProc()
    {
        byte[] rootPath = Encoding.UTF8.GetBytes(this.procRoot + "\0");
        fixed (byte* root = rootPath)
        {
            return LibCFiles.Open(root, LibCFiles.O_RDONLY | LibCFiles.O_DIRECTORY | LibCFiles.O_CLOEXEC);
        }
    }

    /// <summary>The process ids /proc lists (thread group leaders only: threads are hidden from the listing).</summary>
    private List<int> ListPids(int procFd)
    {
        var pids = new List<int>(512);
        this.ListDirectory(procFd, this.procRoot, name =>
        {
            if (TryParsePid(name, out int pid))
            {
                pids.Add(pid);
            }
        });

        return pids;
    }

    /// <summary>Walks the fd tables of <paramref name="pids"/> (and their threads' own); returns how many were not readable.</summary>
    private int WalkPids(int procFd, List<int> pids, IReadOnlyList<Connection> connections, Dictionary<ulong, int> byInode, int[]? next)
    {
        if (pids.Count == 0)
        {
            return 0;
        }

        int denied = 0;
        int nextPid = -1;
        int workers = this.useGetDents ? Math.Max(1, Math.Min(Math.Min(Environment.ProcessorCount, MaxWorkers), pids.Count / 8)) : 1;

        // Without kcmp, multithreaded processes are noted and their threads' tables walked afterwards,
        // only if the process walk left wanted sockets without an owner.
        bool compare = this.compareThreadTables && LinuxTaskTables.CanCompare(procFd);
        var unknownThreads = compare ? null : new List<int>();
        void Work()
        {
            var buffers = new LinuxWalkBuffers(this.useGetDents);
            int index;
            while ((index = Interlocked.Increment(ref nextPid)) < pids.Count)
            {
                if (!this.WalkProcess(procFd, pids[index], buffers, compare, unknownThreads, connections, byInode, next))
                {
                    Interlocked.Increment(ref denied);
                }
            }
        }

        if (workers == 1)
        {
            Work();
        }
        else
        {
            var threads = new Thread[workers - 1];
            for (int t = 0; t < threads.Length; t++)
            {
                threads[t] = new Thread(Work) { IsBackground = true, Name = "NetstatPS /proc walk" };
                threads[t].Start();
            }

            Work();
            foreach (Thread t in threads)
            {
                t.Join();
            }
        }

        if (unknownThreads is { Count: > 0 } && AnyUnowned(connections))
        {
            var buffers = new LinuxWalkBuffers(this.useGetDents);
            foreach (int pid in unknownThreads)
            {
                ProcessOwner? owner = null;
                this.WalkThreadTables(procFd, pid, buffers, false, ref owner, connections, byInode, next);
            }
        }

        return denied;
    }

    private static bool AnyUnowned(IReadOnlyList<Connection> connections)
    {
        foreach (Connection c in connections)
        {
            if (c.Inode is long inode && inode > 0 && c.OwnerCount == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Matches one process's descriptors, then those of its threads that hold tables of their own; false
    /// when its fd directory was not readable for lack of permission.
    /// </summary>
    private bool WalkProcess(int procFd, int pid, LinuxWalkBuffers buffers, bool compare, List<int>? unknownThreads, IReadOnlyList<Connection> connections, Dictionary<ulong, int> byInode, int[]? next)
    {
        byte* path = stackalloc byte[PathBufferSize];
        Interlocked.Increment(ref this.processesWalked);
        WritePidPath(path, pid, "fd"u8);
        int dirFd = LibCFiles.OpenAt(procFd, path, LibCFiles.O_RDONLY | LibCFiles.O_DIRECTORY | LibCFiles.O_CLOEXEC);
        if (dirFd < 0)
        {
            // ENOENT/ESRCH: the process exited since /proc was listed — normal.
            int errno = Marshal.GetLastWin32Error();
            return errno != LibCFiles.EACCES && errno != LibCFiles.EPERM;
        }

        ProcessOwner? owner = null;
        try
        {
            this.WalkTable(procFd, pid, -1, dirFd, buffers, ref owner, connections, byInode, next);
        }
        finally
        {
            LibCFiles.Close(dirFd);
        }

        // The common case stops here: one statx says the process has a single thread.
        int threads = LinuxTaskTables.ThreadCount(procFd, pid);
        if (threads == 0 || threads == 1)
        {
            return true;
        }

        if (compare)
        {
            this.WalkThreadTables(procFd, pid, buffers, true, ref owner, connections, byInode, next);
        }
        else
        {
            lock (unknownThreads!)
            {
                unknownThreads.Add(pid);
            }
        }

        return true;
    }

    /// <summary>
    /// Walks the fd tables of <paramref name="pid"/>'s threads other than the leader's: with
    /// <paramref name="compare"/>, only tables kcmp says differ from the leader's and from every table
    /// already walked here; without, every thread's (the fallback where kcmp is refused).
    /// </summary>
    private void WalkThreadTables(int procFd, int pid, LinuxWalkBuffers buffers, bool compare, ref ProcessOwner? owner, IReadOnlyList<Connection> connections, Dictionary<ulong, int> byInode, int[]? next)
    {
        byte* path = stackalloc byte[PathBufferSize];
        buffers.Tasks.Clear();
        buffers.Walked.Clear();
        LinuxTaskTables.ListTasks(procFd, this.procRoot, pid, buffers.Dents, buffers.Tasks);
        foreach (int tid in buffers.Tasks)
        {
            if (tid == pid || (compare && !LinuxTaskTables.Differ(pid, tid)))
            {
                continue;
            }

            bool seen = false;
            foreach (int walked in buffers.Walked)
            {
                if (compare && LinuxTaskTables.Shares(walked, tid))
                {
                    seen = true;
                    break;
                }
            }

            if (seen)
            {
                continue;
            }

            buffers.Walked.Add(tid);
            Interlocked.Increment(ref this.threadTablesWalked);
            LinuxTaskTables.WriteTaskFdPath(path, pid, tid);
            int dirFd = LibCFiles.OpenAt(procFd, path, LibCFiles.O_RDONLY | LibCFiles.O_DIRECTORY | LibCFiles.O_CLOEXEC);
            if (dirFd < 0)
            {
                // The thread exited, or its table went with it.
                continue;
            }

            try
            {
                this.WalkTable(procFd, pid, tid, dirFd, buffers, ref owner, connections, byInode, next);
            }
            finally
            {
                LibCFiles.Close(dirFd);
            }
        }
    }

    /// <summary>Matches every descriptor of one open fd directory (a process's, or with <paramref name="tid"/> &gt;= 0 a thread's) to the wanted sockets.</summary>
    private void WalkTable(int procFd, int pid, int tid, int dirFd, LinuxWalkBuffers buffers, ref ProcessOwner? owner, IReadOnlyList<Connection> connections, Dictionary<ulong, int> byInode, int[]? next)
    {
        byte* path = stackalloc byte[PathBufferSize];
        byte* link = stackalloc byte[LinkBufferSize];
        if (buffers.Dents is null)
        {
            string pidText = pid.ToString(CultureInfo.InvariantCulture);
            string fdPath = tid < 0
                ? Path.Combine(this.procRoot, pidText, "fd")
                : Path.Combine(this.procRoot, pidText, "task", tid.ToString(CultureInfo.InvariantCulture), "fd");
            ProcessOwner? found = owner;
            ListDirectoryManaged(fdPath, name =>
            {
                byte* fdName = stackalloc byte[name.Length + 1];
                name.CopyTo(new Span<byte>(fdName, name.Length));
                fdName[name.Length] = 0;
                this.Match(procFd, pid, dirFd, fdName, link, path, ref found, connections, byInode, next);
            });
            owner = found;
            return;
        }

        fixed (byte* buffer = buffers.Dents)
        {
            while (true)
            {
                long n = LibCFiles.GetDents64(dirFd, buffer, (UIntPtr)buffers.Dents.Length).ToInt64();
                if (n <= 0)
                {
                    // 0: end; -1: the process exited while we read its table.
                    return;
                }

                long at = 0;
                while (LinuxDirentRecords.TryNext(buffer, n, ref at, out byte* entry, out _))
                {
                    if (entry[LinuxDirentRecords.NameOffset] != (byte)'.')
                    {
                        this.Match(procFd, pid, dirFd, entry + LinuxDirentRecords.NameOffset, link, path, ref owner, connections, byInode, next);
                    }
                }

                if (at < 0)
                {
                    return;
                }
            }
        }
    }

    private void Match(int procFd, int pid, int dirFd, byte* fdName, byte* link, byte* path, ref ProcessOwner? owner, IReadOnlyList<Connection> connections, Dictionary<ulong, int> byInode, int[]? next)
    {
        long length = LibCFiles.ReadLinkAt(dirFd, fdName, link, (UIntPtr)LinkBufferSize).ToInt64();
        if (length <= 0 || !LinuxProcessFileDecoder.TryParseSocketInode(new ReadOnlySpan<byte>(link, (int)length), out ulong inode) ||
            !byInode.TryGetValue(inode, out int row))
        {
            return;
        }

        owner ??= ReadOwner(procFd, pid, path);
        for (int i = row; i >= 0; i = next is null ? -1 : next[i])
        {
            Connection c = connections[i];

            // Two workers may add owners of one shared socket (a forked server) at the same time.
            lock (c)
            {
                c.AddOwner(owner);
            }
        }
    }

    /// <summary>Calls <paramref name="onName"/> for each entry of an open directory (getdents64; managed listing where libc lacks it).</summary>
    private void ListDirectory(int dirFd, string pathForFallback, NameCallback onName)
    {
        if (this.useGetDents)
        {
            byte[] buffer = new byte[DirentBufferSize];
            fixed (byte* dents = buffer)
            {
                while (true)
                {
                    long n;
                    try
                    {
                        n = LibCFiles.GetDents64(dirFd, dents, (UIntPtr)buffer.Length).ToInt64();
                    }
                    catch (EntryPointNotFoundException)
                    {
                        this.useGetDents = false;
                        break;
                    }

                    if (n <= 0)
                    {
                        // 0: end; -1: the directory went away (process exited) or is unreadable.
                        return;
                    }

                    long at = 0;
                    while (LinuxDirentRecords.TryNext(dents, n, ref at, out byte* entry, out int recordLength))
                    {
                        onName(LinuxDirentRecords.Name(entry, recordLength));
                    }

                    if (at < 0)
                    {
                        return;
                    }
                }
            }

            if (this.useGetDents)
            {
                return;
            }
        }

        ListDirectoryManaged(pathForFallback, onName);
    }

    private static void ListDirectoryManaged(string path, NameCallback onName)
    {
        if (path.Length == 0)
        {
            return;
        }

        string[] names;
        try
        {
            names = Directory.GetFileSystemEntries(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string full in names)
        {
            onName(Encoding.UTF8.GetBytes(Path.GetFileName(full)));
        }
    }

    private delegate void NameCallback(ReadOnlySpan<byte> name);
}
