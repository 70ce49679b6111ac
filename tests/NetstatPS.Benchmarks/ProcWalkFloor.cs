using System;
using System.Diagnostics;

namespace NetstatPS.Benchmarks;

/// <summary>
/// The syscall floor of any owner lookup on Linux: getdents64 over /proc and every /proc/[pid]/fd,
/// one readlinkat per descriptor, counting "socket:[" links — no map, no objects, nothing kept.
/// An owner resolver cannot be faster than this; the split case prints it beside the resolver.
/// </summary>
internal static unsafe class ProcWalkFloor
{
    private const int DirentHeader = 19;

    public static RunResult Run()
    {
        var sw = Stopwatch.StartNew();
        long sockets = 0;
        byte* buffer = stackalloc byte[32 * 1024];
        byte* fdBuffer = stackalloc byte[32 * 1024];
        byte* link = stackalloc byte[64];
        byte* path = stackalloc byte[64];
        byte* proc = stackalloc byte[] { (byte)'/', (byte)'p', (byte)'r', (byte)'o', (byte)'c', 0 };
        int procFd = BenchLibC.Open(proc, BenchLibC.O_RDONLY | BenchLibC.O_DIRECTORY | BenchLibC.O_CLOEXEC);
        if (procFd < 0)
        {
            return RunResult.Failed("cannot open /proc");
        }

        try
        {
            long n;
            while ((n = (long)BenchLibC.GetDents64(procFd, buffer, (UIntPtr)(32 * 1024))) > 0)
            {
                for (long off = 0; off < n;)
                {
                    ushort reclen = *(ushort*)(buffer + off + 16);
                    byte* name = buffer + off + DirentHeader;
                    off += reclen;
                    if (name[0] < '1' || name[0] > '9')
                    {
                        continue;
                    }

                    int len = 0;
                    while (name[len] != 0)
                    {
                        path[len] = name[len];
                        len++;
                    }

                    path[len++] = (byte)'/';
                    path[len++] = (byte)'f';
                    path[len++] = (byte)'d';
                    path[len] = 0;
                    int fdDir = BenchLibC.OpenAt(procFd, path, BenchLibC.O_RDONLY | BenchLibC.O_DIRECTORY | BenchLibC.O_CLOEXEC);
                    if (fdDir < 0)
                    {
                        continue;
                    }

                    long m;
                    while ((m = (long)BenchLibC.GetDents64(fdDir, fdBuffer, (UIntPtr)(32 * 1024))) > 0)
                    {
                        for (long o = 0; o < m;)
                        {
                            ushort r = *(ushort*)(fdBuffer + o + 16);
                            byte* fdName = fdBuffer + o + DirentHeader;
                            o += r;
                            if (fdName[0] == '.')
                            {
                                continue;
                            }

                            long got = (long)BenchLibC.ReadLinkAt(fdDir, fdName, link, (UIntPtr)64);
                            if (got > 8 && link[0] == 's' && link[6] == ':')
                            {
                                sockets++;
                            }
                        }
                    }

                    BenchLibC.Close(fdDir);
                }
            }
        }
        finally
        {
            BenchLibC.Close(procFd);
        }

        return new RunResult(sw.Elapsed.TotalMilliseconds, sockets, null);
    }
}
