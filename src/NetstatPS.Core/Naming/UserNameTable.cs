using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Naming;

/// <summary>
/// User id → user name, each id looked up once per process lifetime: getpwuid_r (so NSS sources such
/// as LDAP and systemd's dynamic users work), falling back to /etc/passwd where libc cannot be called.
/// </summary>
internal sealed class UserNameTable
{
    private static readonly Lazy<UserNameTable> LazyShared = new(() => new UserNameTable());

    private readonly ConcurrentDictionary<int, string?> cache = new();

    /// <summary>The table of this machine.</summary>
    public static UserNameTable Shared => LazyShared.Value;

    /// <summary>The name of a user id, or null when the id has no name.</summary>
    /// <param name="uid">The user id.</param>
    /// <returns>The name or null.</returns>
    public string? Lookup(int uid) => this.cache.GetOrAdd(uid, Resolve);

    private static string? Resolve(int uid)
    {
        try
        {
            return LibC.GetUserName(uid);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return FromPasswdFile(uid);
        }
    }

    private static string? FromPasswdFile(int uid)
    {
        try
        {
            foreach (string line in OsText.Decode(File.ReadAllBytes("/etc/passwd")).Split('\n'))
            {
                string[] f = line.Split(':');
                if (f.Length > 2 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id == uid)
                {
                    return f[0];
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
