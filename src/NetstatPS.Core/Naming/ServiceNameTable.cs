using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace NetstatPS.Naming;

/// <summary>
/// Port → service name (443/tcp → https), read once from the OS's services file: /etc/services, or
/// %SystemRoot%\System32\drivers\etc\services on Windows (same format). Loaded on first use only, so
/// a call that never shows port names never reads it.
/// </summary>
internal sealed class ServiceNameTable
{
    private static readonly Lazy<ServiceNameTable> LazyShared = new(() => Load(DefaultPath()));

    private readonly Dictionary<int, string> tcp;
    private readonly Dictionary<int, string> udp;

    internal ServiceNameTable(Dictionary<int, string> tcp, Dictionary<int, string> udp)
    {
        this.tcp = tcp;
        this.udp = udp;
    }

    /// <summary>The table of this machine.</summary>
    public static ServiceNameTable Shared => LazyShared.Value;

    /// <summary>The service name of a port, or null.</summary>
    /// <param name="protocol">Tcp or Udp; any other protocol has no service names (a raw socket's "port" is a protocol number).</param>
    /// <param name="port">The port.</param>
    /// <returns>The first name the services file gives, or null.</returns>
    public string? Lookup(TransportProtocol protocol, int port) => protocol switch
    {
        TransportProtocol.Tcp => this.tcp.TryGetValue(port, out string? name) ? name : null,
        TransportProtocol.Udp => this.udp.TryGetValue(port, out string? name) ? name : null,
        _ => null,
    };

    /// <summary>Reads a services file; a missing or unreadable file gives an empty table.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    internal static ServiceNameTable Load(string? path)
    {
        var tcp = new Dictionary<int, string>();
        var udp = new Dictionary<int, string>();
        try
        {
            if (path is not null && File.Exists(path))
            {
                foreach (string line in File.ReadAllLines(path))
                {
                    AddLine(line, tcp, udp);
                }
            }
        }
        catch (IOException)
        {
            // Names are a convenience: without the file ports are shown as numbers.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return new ServiceNameTable(tcp, udp);
    }

    /// <summary>Parses one "name port/proto [aliases] [# comment]" line.</summary>
    internal static void AddLine(string line, Dictionary<int, string> tcp, Dictionary<int, string> udp)
    {
        int hash = line.IndexOf('#');
        string content = hash >= 0 ? line.Substring(0, hash) : line;
        string[] fields = content.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            return;
        }

        int slash = fields[1].IndexOf('/');
        if (slash <= 0 ||
            !int.TryParse(fields[1].Substring(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int port) ||
            port > 65535)
        {
            return;
        }

        string proto = fields[1].Substring(slash + 1);
        Dictionary<int, string>? target =
            string.Equals(proto, "tcp", StringComparison.OrdinalIgnoreCase) ? tcp :
            string.Equals(proto, "udp", StringComparison.OrdinalIgnoreCase) ? udp : null;
        if (target is not null && !target.ContainsKey(port))
        {
            target[port] = fields[0];
        }
    }

    private static string? DefaultPath() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? Path.Combine(Environment.SystemDirectory, "drivers", "etc", "services")
            : "/etc/services";
}
