namespace NetstatPS;

/// <summary>
/// What a process's cgroup path says about who runs it: the systemd unit and slice, the unit inside a
/// user's service manager, and the container. Each part is null when the path does not name it.
/// </summary>
internal sealed class CgroupIdentity
{
    /// <summary>Nothing known (a process in the root cgroup, or a file that could not be read).</summary>
    public static readonly CgroupIdentity None = new(null, null, null, null, null);

    /// <summary>Creates the record.</summary>
    /// <param name="unit">The systemd unit (nginx.service, session-3.scope, user@1000.service).</param>
    /// <param name="slice">The slice that holds the unit (system.slice, user-1000.slice).</param>
    /// <param name="userUnit">The unit inside a user's systemd (under user@UID.service).</param>
    /// <param name="containerId">The container id (64 hex digits).</param>
    /// <param name="containerRuntime">docker, containerd, cri-o, podman, or kubernetes.</param>
    public CgroupIdentity(string? unit, string? slice, string? userUnit, string? containerId, string? containerRuntime)
    {
        this.Unit = unit;
        this.Slice = slice;
        this.UserUnit = userUnit;
        this.ContainerId = containerId;
        this.ContainerRuntime = containerRuntime;
    }

    /// <summary>The systemd unit; null when the cgroup is not inside one.</summary>
    public string? Unit { get; }

    /// <summary>The slice holding the unit; -.slice for a unit at the root; null without a unit.</summary>
    public string? Slice { get; }

    /// <summary>The unit inside a user's service manager (app-…scope under user@1000.service); null otherwise.</summary>
    public string? UserUnit { get; }

    /// <summary>The container id; null when the process is not in a container the cgroup path names.</summary>
    public string? ContainerId { get; }

    /// <summary>The runtime whose naming the container id came from; null without a container.</summary>
    public string? ContainerRuntime { get; }
}
