using System;
using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// Turns the PIDs the socket tables report into owners: names from ONE process snapshot per call
/// (CreateToolhelp32Snapshot), executable paths from QueryFullProcessImageNameW and the user from the
/// process token once per distinct process (PROCESS_QUERY_LIMITED_INFORMATION, which Windows grants for
/// most processes without elevation; accounts looked up once per SID).
/// </summary>
/// <remarks>
/// PID 0 gets no owner: Windows reports 0 for TIME_WAIT connections and sockets no process holds any
/// more (netstat -ano prints 0, the System Idle Process, which owns nothing), so ProcessId stays null
/// instead of naming the idle process. A PID that is no longer in the snapshot (the process exited after
/// the table was read) keeps its id with a null name. A path that cannot be read (protected processes,
/// other users' services without elevation) is null, and one warning per call says how to see it.
/// The path comes from the process, not from GetOwnerModuleFromTcpEntry and its siblings (what netstat -b
/// calls): those need elevation for the same processes, are called per row with the raw table row,
/// answer with the service name for svchost, and GetOwnerModuleFromUdp(6)Entry is missing on some
/// iphlpapi implementations; one query per distinct process gives the executable path with fewer rights.
/// </remarks>
internal sealed unsafe class WindowsProcessOwnerResolver : IProcessOwnerResolver
{
    /// <summary>The System process: it has no executable file, so its missing path is not worth a warning.</summary>
    private const int SystemProcessId = 4;

    /// <inheritdoc />
    public void Resolve(IReadOnlyList<Connection> connections, WarningCollector warnings)
    {
        var owners = new Dictionary<int, ProcessOwner?>();
        foreach (Connection c in connections)
        {
            if (c.TableProcessId is int pid && pid > 0)
            {
                owners[pid] = null;
            }
        }

        if (owners.Count == 0)
        {
            return;
        }

        Dictionary<int, string> names = SnapshotNames(owners);
        int pathsDenied = 0;
        var pids = new List<int>(owners.Keys);
        var accounts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (int pid in pids)
        {
            names.TryGetValue(pid, out string? name);
            string? path = null;
            string? user = null;
            if (name is not null)
            {
                QueryProcess(pid, accounts, out path, out user);
            }

            if (path is null && name is not null && pid != SystemProcessId)
            {
                pathsDenied++;
            }

            owners[pid] = new ProcessOwner(pid, name, path, null) { WindowsUserName = user };
        }

        if (pathsDenied > 0)
        {
            warnings.Add($"The executable path of {pathsDenied} process(es) could not be read (access denied); run PowerShell as Administrator to see ProcessPath for them.");
        }

        foreach (Connection c in connections)
        {
            if (c.TableProcessId is int pid && pid > 0 && owners[pid] is ProcessOwner owner)
            {
                c.SetOwner(owner);
            }
        }
    }

    /// <summary>Image names (without .exe) of the wanted processes, from one Toolhelp snapshot.</summary>
    private static Dictionary<int, string> SnapshotNames(Dictionary<int, ProcessOwner?> wanted)
    {
        var names = new Dictionary<int, string>();
        IntPtr snapshot = Kernel32.CreateToolhelp32Snapshot(Kernel32.TH32CS_SNAPPROCESS, 0);
        if (snapshot == Kernel32.InvalidHandleValue || snapshot == IntPtr.Zero)
        {
            return names;
        }

        try
        {
            ProcessEntry32W entry = default;
            entry.Size = (uint)sizeof(ProcessEntry32W);
            for (int ok = Kernel32.Process32FirstW(snapshot, &entry); ok != 0; ok = Kernel32.Process32NextW(snapshot, &entry))
            {
                int pid = unchecked((int)entry.ProcessId);
                if (wanted.ContainsKey(pid))
                {
                    string? exe = Decoders.Windows.WindowsRowReader.FixedString(entry.ExeFile, 260);
                    if (exe is not null)
                    {
                        names[pid] = exe.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? exe.Substring(0, exe.Length - 4) : exe;
                    }
                }
            }
        }
        finally
        {
            Kernel32.CloseHandle(snapshot);
        }

        return names;
    }

    /// <summary>The executable path and the DOMAIN\user of one process; each null when not permitted.</summary>
    private static void QueryProcess(int pid, Dictionary<string, string?> accounts, out string? path, out string? user)
    {
        path = null;
        user = null;
        IntPtr process = Kernel32.OpenProcess(Kernel32.PROCESS_QUERY_LIMITED_INFORMATION, 0, unchecked((uint)pid));
        if (process == IntPtr.Zero)
        {
            return;
        }

        try
        {
            path = QueryImagePath(process);
            user = QueryUser(process, accounts);
        }
        finally
        {
            Kernel32.CloseHandle(process);
        }
    }

    /// <summary>The token's user as DOMAIN\name, looked up once per SID per call.</summary>
    private static string? QueryUser(IntPtr process, Dictionary<string, string?> accounts)
    {
        IntPtr token;
        if (Advapi32.OpenProcessToken(process, Advapi32.TOKEN_QUERY, &token) == 0)
        {
            return null;
        }

        try
        {
            // TOKEN_USER is a pointer and a DWORD followed by the SID it points at: 256 bytes hold any SID.
            byte* info = stackalloc byte[256];
            uint length;
            if (Advapi32.GetTokenInformation(token, Advapi32.TokenUser, info, 256, &length) == 0)
            {
                return null;
            }

            void* sid = *(void**)info;
            uint sidLength = Advapi32.GetLengthSid(sid);
            string key = Convert.ToBase64String(new ReadOnlySpan<byte>(sid, (int)Math.Min(sidLength, 68u)).ToArray());
            if (!accounts.TryGetValue(key, out string? account))
            {
                account = LookupAccount(sid);
                accounts[key] = account;
            }

            return account;
        }
        finally
        {
            Kernel32.CloseHandle(token);
        }
    }

    private static string? LookupAccount(void* sid)
    {
        char* name = stackalloc char[256];
        char* domain = stackalloc char[256];
        uint nameLength = 256;
        uint domainLength = 256;
        int use;
        if (Advapi32.LookupAccountSidW(null, sid, name, &nameLength, domain, &domainLength, &use) == 0)
        {
            return null;
        }

        string user = new(name, 0, (int)nameLength);
        return domainLength == 0 ? user : new string(domain, 0, (int)domainLength) + "\\" + user;
    }

    private static string? QueryImagePath(IntPtr process)
    {
        // Paths can exceed MAX_PATH; 32K characters is the NT limit.
        for (uint capacity = 260; capacity <= 32768; capacity *= 4)
        {
            char[] buffer = new char[capacity];
            uint size = capacity;
            fixed (char* p = buffer)
            {
                if (Kernel32.QueryFullProcessImageNameW(process, 0, p, &size) != 0)
                {
                    return new string(p, 0, (int)size);
                }
            }
        }

        return null;
    }
}
