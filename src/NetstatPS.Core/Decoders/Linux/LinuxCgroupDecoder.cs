using System;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Decodes /proc/[pid]/cgroup ("hierarchy-id:controllers:path" per line) into the systemd unit, slice
/// and container the process runs in. The unit comes from the unified (cgroup v2, "0::") line, else
/// from the v1 "name=systemd" line, so pure v2, hybrid and pure v1 (legacy) layouts all answer; the
/// container comes from the first of those, then any v1 controller line (Docker's cgroupfs driver on v1
/// names containers only there), whose path names one.
/// </summary>
/// <remarks>
/// Units follow systemd's own reading of a cgroup path (cg_path_get_unit): slices (*.slice) are skipped,
/// the first other segment is the unit when it has a unit suffix, and under user@UID.service the same
/// rule finds the user's own unit. Containers are recognised by the runtimes' cgroup names: Docker
/// (docker-ID.scope, /docker/ID), containerd's CRI plugin (cri-containerd-ID.scope), CRI-O (crio-ID),
/// Podman (libpod-ID.scope; libpod-conmon-ID.scope is the monitor outside the container, so it gives
/// none) and kubelet's cgroupfs driver (/kubepods[/QOS]/podUID/ID); an ID is 64 hex digits. Nested
/// containers give the outermost, the one the host's runtime knows. Paths outside the reader's cgroup
/// namespace start with "/.."; those segments are skipped. Never throws: lines it does not understand
/// are ignored.
/// </remarks>
internal static class LinuxCgroupDecoder
{
    private const int ContainerIdLength = 64;

    /// <summary>Decodes the file.</summary>
    /// <param name="file">The bytes of /proc/[pid]/cgroup.</param>
    /// <returns>What the paths say; <see cref="CgroupIdentity.None"/> when nothing.</returns>
    public static CgroupIdentity Decode(ReadOnlySpan<byte> file)
    {
        FindSystemdPaths(file, out (int Start, int Length) unifiedAt, out (int Start, int Length) namedAt);
        bool hasUnified = unifiedAt.Start >= 0, hasNamed = namedAt.Start >= 0;
        ReadOnlySpan<byte> unified = hasUnified ? file.Slice(unifiedAt.Start, unifiedAt.Length) : default;
        ReadOnlySpan<byte> named = hasNamed ? file.Slice(namedAt.Start, namedAt.Length) : default;

        string? unit = null, slice = null, userUnit = null;
        if (!(hasUnified && TryUnit(unified, out unit, out slice, out userUnit)) && hasNamed)
        {
            TryUnit(named, out unit, out slice, out userUnit);
        }

        string? id = null, runtime = null;
        if (!(hasUnified && TryContainer(unified, out id, out runtime)) && !(hasNamed && TryContainer(named, out id, out runtime)))
        {
            ReadOnlySpan<byte> rest = file;
            while (LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line))
            {
                if (TrySplit(line, out _, out ReadOnlySpan<byte> path) && TryContainer(path, out id, out runtime))
                {
                    break;
                }
            }
        }

        return unit is null && slice is null && id is null ? CgroupIdentity.None : new CgroupIdentity(unit, slice, userUnit, id, runtime);
    }

    /// <summary>Where the unified ("0::") and the v1 name=systemd paths are in the file; Start -1 when absent.</summary>
    private static void FindSystemdPaths(ReadOnlySpan<byte> file, out (int Start, int Length) unified, out (int Start, int Length) named)
    {
        unified = named = (-1, 0);
        ReadOnlySpan<byte> rest = file;
        int lineStart = 0;
        for (int next = 0; LinuxProcText.NextLine(ref rest, out ReadOnlySpan<byte> line); lineStart = next)
        {
            next = file.Length - rest.Length;
            if (!TrySplit(line, out ReadOnlySpan<byte> controllers, out ReadOnlySpan<byte> path))
            {
                continue;
            }

            int pathStart = lineStart + line.Length - path.Length;
            if (controllers.IsEmpty && line[0] == (byte)'0' && unified.Start < 0)
            {
                unified = (pathStart, path.Length);
            }
            else if (controllers.SequenceEqual("name=systemd"u8) && named.Start < 0)
            {
                named = (pathStart, path.Length);
            }
        }
    }

    /// <summary>Splits "id:controllers:path"; the path is everything after the second colon (cgroup names may hold colons).</summary>
    private static bool TrySplit(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> controllers, out ReadOnlySpan<byte> path)
    {
        controllers = path = default;
        int first = line.IndexOf((byte)':');
        if (first <= 0)
        {
            return false;
        }

        int second = line.Slice(first + 1).IndexOf((byte)':');
        if (second < 0)
        {
            return false;
        }

        controllers = line.Slice(first + 1, second);
        path = line.Slice(first + second + 2);
        return path.Length > 0 && path[0] == (byte)'/';
    }

    private static bool TryUnit(ReadOnlySpan<byte> path, out string? unit, out string? slice, out string? userUnit)
    {
        unit = slice = userUnit = null;
        bool inUserManager = false;
        ReadOnlySpan<byte> rest = path;
        while (NextSegment(ref rest, out ReadOnlySpan<byte> segment))
        {
            if (segment.EndsWith(".slice"u8))
            {
                if (!inUserManager)
                {
                    slice = Text(segment);
                }

                continue;
            }

            if (!IsUnitName(segment))
            {
                break;
            }

            if (inUserManager)
            {
                userUnit = Text(segment);
                break;
            }

            unit = Text(segment);
            if (!(segment.StartsWith("user@"u8) && segment.EndsWith(".service"u8)))
            {
                break;
            }

            inUserManager = true;
        }

        if (unit is not null)
        {
            slice ??= "-.slice";
        }

        return unit is not null;
    }

    private static bool TryContainer(ReadOnlySpan<byte> path, out string? id, out string? runtime)
    {
        id = runtime = null;
        scoped ReadOnlySpan<byte> parent = default;
        bool underKubepods = false;
        ReadOnlySpan<byte> rest = path;
        while (NextSegment(ref rest, out ReadOnlySpan<byte> segment))
        {
            ReadOnlySpan<byte> name = segment.EndsWith(".scope"u8) ? segment.Slice(0, segment.Length - 6) : segment;
            if (TryPrefixed(name, "docker-"u8, out id))
            {
                runtime = "docker";
            }
            else if (TryPrefixed(name, "cri-containerd-"u8, out id))
            {
                runtime = "containerd";
            }
            else if (TryPrefixed(name, "crio-"u8, out id))
            {
                runtime = "cri-o";
            }
            else if (TryPrefixed(name, "libpod-"u8, out id))
            {
                runtime = "podman";
            }
            else if (IsContainerId(segment) && parent.SequenceEqual("docker"u8))
            {
                id = Text(segment);
                runtime = "docker";
            }
            else if (IsContainerId(segment) && underKubepods && parent.StartsWith("pod"u8))
            {
                // kubelet's cgroupfs driver does not say which runtime made the container.
                id = Text(segment);
                runtime = "kubernetes";
            }

            if (id is not null)
            {
                return true;
            }

            underKubepods |= segment.StartsWith("kubepods"u8);
            parent = segment;
        }

        return false;
    }

    private static bool TryPrefixed(ReadOnlySpan<byte> name, ReadOnlySpan<byte> prefix, out string? id)
    {
        id = null;
        if (name.StartsWith(prefix) && IsContainerId(name.Slice(prefix.Length)))
        {
            id = Text(name.Slice(prefix.Length));
        }

        return id is not null;
    }

    private static bool IsContainerId(ReadOnlySpan<byte> text)
    {
        if (text.Length != ContainerIdLength)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (!((b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'a' && b <= (byte)'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnitName(ReadOnlySpan<byte> segment) =>
        HasStem(segment, ".service"u8) || HasStem(segment, ".scope"u8) || HasStem(segment, ".socket"u8) ||
        HasStem(segment, ".mount"u8) || HasStem(segment, ".swap"u8);

    private static bool HasStem(ReadOnlySpan<byte> segment, ReadOnlySpan<byte> suffix) =>
        segment.Length > suffix.Length && segment.EndsWith(suffix);

    /// <summary>The next path segment without empty, "." and ".." ones; systemd's one-underscore escape (cg_escape) removed.</summary>
    private static bool NextSegment(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> segment)
    {
        while (!rest.IsEmpty)
        {
            int slash = rest.IndexOf((byte)'/');
            segment = slash < 0 ? rest : rest.Slice(0, slash);
            rest = slash < 0 ? default : rest.Slice(slash + 1);
            if (segment.IsEmpty || segment.SequenceEqual("."u8) || segment.SequenceEqual(".."u8))
            {
                continue;
            }

            if (segment[0] == (byte)'_' && segment.Length > 1)
            {
                segment = segment.Slice(1);
            }

            return true;
        }

        segment = default;
        return false;
    }

    // The same decoding as process names, so every string from /proc reads alike.
    private static string? Text(ReadOnlySpan<byte> segment) => LinuxProcessFileDecoder.DecodeName(segment);
}
