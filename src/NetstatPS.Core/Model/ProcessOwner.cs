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

    /// <summary>
    /// The service that runs the process, as an administrator searches for it: the systemd unit on
    /// Linux (<see cref="Unit"/>), the hosted service names on Windows (<see cref="Services"/>, joined
    /// with ", " when one svchost hosts several). Null when the process is not run by one.
    /// </summary>
    public string? Service => this.Unit ?? (this.Services is { Length: > 0 } names ? string.Join(", ", names) : null);

    /// <summary>The systemd unit whose cgroup holds the process (nginx.service, session-3.scope, user@1000.service); null elsewhere and when none.</summary>
    public string? Unit => this.Cgroup?.Unit;

    /// <summary>The systemd slice that holds <see cref="Unit"/> (system.slice, user-1000.slice); null without a unit.</summary>
    public string? Slice => this.Cgroup?.Slice;

    /// <summary>The unit inside a user's own systemd (an app-….scope or a user service under user@UID.service); null otherwise.</summary>
    public string? UserUnit => this.Cgroup?.UserUnit;

    /// <summary>The id of the container the process runs in (64 hex digits, as docker inspect shows it); null when none.</summary>
    public string? ContainerId => this.Cgroup?.ContainerId;

    /// <summary>Whose cgroup naming gave <see cref="ContainerId"/>: docker, containerd, cri-o, podman, or kubernetes (kubelet's cgroupfs driver, which does not say); null without a container.</summary>
    public string? ContainerRuntime => this.Cgroup?.ContainerRuntime;

    /// <summary>The Windows services the process hosts (service names, sorted); null on Linux and for processes that host none.</summary>
    public string[]? Services { get; internal set; }

    /// <summary>The display names of <see cref="Services"/>, in the same order; null when those are.</summary>
    public string[]? ServiceDisplayNames { get; internal set; }

    /// <summary>The process's command line (arguments joined by spaces); only read with -IncludeCommandLine, null otherwise and when it cannot be read.</summary>
    public string? CommandLine { get; internal set; }

    /// <summary>The owning user's name where the OS gives it directly (Windows).</summary>
    internal string? WindowsUserName { get; set; }

    /// <summary>What /proc/[pid]/cgroup said (Linux); null when not read or nothing known.</summary>
    internal CgroupIdentity? Cgroup { get; set; }

    /// <summary>"pid/name" for display, the name escaped by <see cref="DisplayText"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{this.ProcessId}/{DisplayText.Escape(this.Name)}";
}
