using System.Collections.Generic;
using System.IO;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Reads every Unix domain socket of this network namespace: one NETLINK_SOCK_DIAG dump with unix_diag
/// (names, peers, queues, uids), or /proc/net/unix when netlink cannot be used. Every state is read,
/// whatever the query asks, so that a socket's peer is in the list even when its state is filtered
/// out (the source links peers, then keeps the wanted states); Unix tables are small next to TCP's.
/// </summary>
internal static class LinuxUnixSocketReader
{
    /// <summary>Dumps the table over netlink, appending rows; false (nothing appended) when netlink cannot do it.</summary>
    /// <param name="netlinkProtocol">NETLINK_SOCK_DIAG (another number only in tests).</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Gets a warning when every attempt was interrupted by changes to the table.</param>
    /// <param name="errno">Why it could not (socket refused, unix_diag missing, malformed reply).</param>
    /// <param name="socketMemory">Also read each socket's memory (UNIX_DIAG_MEMINFO, ss -xm).</param>
    /// <returns>Whether the dump was read.</returns>
    public static bool TryReadNetlink(int netlinkProtocol, List<Connection> into, WarningCollector warnings, out int errno, bool socketMemory = false)
    {
        using NetlinkSocket? socket = NetlinkSocket.TryOpen(netlinkProtocol, out errno);
        if (socket is null)
        {
            return false;
        }

        byte[] request = NetlinkSocket.BuildDumpRequest(LinuxSockDiagDecoder.SockDiagByFamily, LinuxUnixDiagDecoder.RequestHeader(LinuxUnixDiagDecoder.AllStates, socketMemory));
        byte[]? reply = socket.Dump(request, out bool interrupted, out errno);
        if (reply is null)
        {
            return false;
        }

        int start = into.Count;
        try
        {
            LinuxUnixDiagDecoder.Decode(reply, into, socketMemory);
        }
        catch (NetstatDecodeException)
        {
            into.RemoveRange(start, into.Count - start);
            errno = 74; // EBADMSG
            return false;
        }

        if (interrupted)
        {
            warnings.Add("The kernel's Unix socket table changed during each read; the list may be slightly inconsistent.");
        }

        return true;
    }

    /// <summary>Reads /proc/net/unix, appending rows; a missing file (no Unix sockets built in) gives none.</summary>
    /// <param name="procRoot">The proc mount.</param>
    /// <param name="into">Where rows go.</param>
    /// <exception cref="NetstatDecodeException">The file is malformed.</exception>
    public static void ReadProcNet(string procRoot, List<Connection> into)
    {
        byte[]? file = LinuxFiles.ReadAll(Path.Combine(procRoot, "net", "unix"));
        if (file is not null)
        {
            LinuxProcNetUnixDecoder.Decode(file, into);
        }
    }
}
