using System.Collections.Generic;

namespace NetstatPS;

/// <summary>
/// A process that holds a socket. One instance per process per call, shared by all of its sockets.
/// </summary>
public sealed class ProcessOwner
{
    internal static readonly IComparer<ProcessOwner> ByProcessId =
        Comparer<ProcessOwner>.Create((a, b) => a.ProcessId.CompareTo(b.ProcessId));

    /// <summary>Creates an owner record.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="name">The process name, or null when it cannot be read.</param>
    /// <param name="path">The executable path, or null when it cannot be read.</param>
    /// <param name="userId">The process's real user id, or null when unknown.</param>
    public ProcessOwner(int processId, string? name, string? path, int? userId)
    {
        this.ProcessId = processId;
        this.Name = name;
        this.Path = path;
        this.UserId = userId;
    }

    /// <summary>The process id.</summary>
    public int ProcessId { get; }

    /// <summary>The process name (Linux: /proc/[pid]/comm; Windows: the image name without .exe).</summary>
    public string? Name { get; }

    /// <summary>The executable's full path; null when the OS does not let this user read it.</summary>
    public string? Path { get; }

    /// <summary>The process's real user id (Linux); null elsewhere.</summary>
    public int? UserId { get; }

    /// <summary>The process's user name; null when unknown.</summary>
    public string? UserName => this.UserId is int uid ? Naming.UserNameTable.Shared.Lookup(uid) : this.WindowsUserName;

    /// <summary>The owning user's name where the OS gives it directly (Windows).</summary>
    internal string? WindowsUserName { get; set; }

    /// <summary>"pid/name" for display, the name escaped by <see cref="DisplayText"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{this.ProcessId}/{DisplayText.Escape(this.Name)}";
}
