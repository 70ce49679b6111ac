using System;
using System.Collections.Generic;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// A NETLINK_SOCK_DIAG socket that runs SOCK_DIAG_BY_FAMILY dumps (inet_diag_req_v2) with the state
/// filter in the kernel, in a loop as strict as ss's: sequence and port id checked, NLMSG_DONE and
/// NLMSG_ERROR handled, every datagram read whole (NetlinkSocket peeks its size), NLM_F_DUMP_INTR retried
/// a bounded number of times. Datagrams are decoded as they arrive; the dump is never buffered whole.
/// </summary>
internal sealed unsafe class LinuxSockDiagSocket : IDisposable
{
    /// <summary>How often an interrupted dump (the table changed under it) is run again before its result is taken as is.</summary>
    internal const int MaxInterruptedAttempts = 3;

    private const byte AfInet = 2;
    private const byte AfInet6 = 10;

    private readonly NetlinkSocket socket;

    private LinuxSockDiagSocket(NetlinkSocket socket) => this.socket = socket;

    /// <summary>Opens the socket; null (with the errno) when netlink is not available here.</summary>
    /// <param name="netlinkProtocol">NETLINK_SOCK_DIAG (another number only in tests).</param>
    /// <param name="errno">Why not.</param>
    /// <returns>The socket or null.</returns>
    public static LinuxSockDiagSocket? TryOpen(int netlinkProtocol, out int errno)
    {
        NetlinkSocket? socket = NetlinkSocket.TryOpen(netlinkProtocol, out errno);
        return socket is null ? null : new LinuxSockDiagSocket(socket);
    }

    /// <summary>Dumps one protocol and family, appending rows; false (rows appended so far left for the caller to drop) when the dump fails.</summary>
    /// <param name="family">IPv4 or IPv6.</param>
    /// <param name="protocol">Tcp or Udp.</param>
    /// <param name="kernelStates">idiag_states.</param>
    /// <param name="includeTcpInfo">Ask for INET_DIAG_INFO and INET_DIAG_CONG.</param>
    /// <param name="includeSocketMemory">Ask for INET_DIAG_SKMEMINFO.</param>
    /// <param name="bytecode">An INET_DIAG_REQ_BYTECODE program the kernel filters with, or null for every socket.
    /// A program the kernel refuses fails the dump with EINVAL.</param>
    /// <param name="addresses">The call's address cache.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Gets a warning when every attempt was interrupted.</param>
    /// <param name="errno">Why the dump failed.</param>
    /// <returns>Whether the dump completed.</returns>
    public bool TryDump(IPAddressFamily family, TransportProtocol protocol, uint kernelStates, bool includeTcpInfo, bool includeSocketMemory, byte[]? bytecode, LinuxAddressCache addresses, List<Connection> into, WarningCollector warnings, out int errno)
    {
        byte[] request = LinuxSockDiagRequest.Dump(
            new InetDiagRequestV2
            {
                Family = family == IPAddressFamily.IPv4 ? AfInet : AfInet6,
                Protocol = (byte)protocol,
                Extensions = Extensions(protocol, includeTcpInfo, includeSocketMemory),
                States = kernelStates,
            },
            bytecode);
        return this.TryDump(request, protocol, includeTcpInfo, includeSocketMemory, addresses, into, warnings, out errno);
    }

    /// <summary>Dumps TCP of IPv4 and IPv6 in one walk of the kernel's tables (TCPDIAG_GETSOCK); rows come in the kernel's order, families mixed.</summary>
    /// <param name="kernelStates">idiag_states.</param>
    /// <param name="includeTcpInfo">Ask for INET_DIAG_INFO and INET_DIAG_CONG.</param>
    /// <param name="includeSocketMemory">Ask for INET_DIAG_SKMEMINFO.</param>
    /// <param name="bytecode">A program compiled for both families, or null.</param>
    /// <param name="addresses">The call's address cache.</param>
    /// <param name="into">Where rows go.</param>
    /// <param name="warnings">Gets a warning when every attempt was interrupted.</param>
    /// <param name="errno">Why the dump failed.</param>
    /// <returns>Whether the dump completed.</returns>
    public bool TryDumpTcpBothFamilies(uint kernelStates, bool includeTcpInfo, bool includeSocketMemory, byte[]? bytecode, LinuxAddressCache addresses, List<Connection> into, WarningCollector warnings, out int errno)
    {
        byte[] request = LinuxSockDiagRequest.DumpBothFamiliesTcp(Extensions(TransportProtocol.Tcp, includeTcpInfo, includeSocketMemory), kernelStates, bytecode);
        return this.TryDump(request, TransportProtocol.Tcp, includeTcpInfo, includeSocketMemory, addresses, into, warnings, out errno);
    }

    private bool TryDump(byte[] request, TransportProtocol protocol, bool includeTcpInfo, bool includeSocketMemory, LinuxAddressCache addresses, List<Connection> into, WarningCollector warnings, out int errno)
    {
        int start = into.Count;
        for (int attempt = 1; ; attempt++)
        {
            if (!this.DumpOnce(request, protocol, includeTcpInfo, includeSocketMemory, addresses, into, out bool interrupted, out errno))
            {
                return false;
            }

            if (!interrupted)
            {
                return true;
            }

            if (attempt == MaxInterruptedAttempts)
            {
                warnings.Add($"The kernel's {protocol} socket table changed during each of {MaxInterruptedAttempts} reads; the list may be slightly inconsistent.");
                return true;
            }

            into.RemoveRange(start, into.Count - start);
        }
    }

    /// <inheritdoc />
    public void Dispose() => this.socket.Dispose();

    /// <summary>idiag_ext: bit (1 &lt;&lt; (attribute - 1)) for each INET_DIAG_* attribute the kernel should add.</summary>
    private static byte Extensions(TransportProtocol protocol, bool includeTcpInfo, bool includeSocketMemory)
    {
        int bits = 0;
        if (includeTcpInfo && protocol == TransportProtocol.Tcp)
        {
            bits |= (1 << (LinuxSockDiagDecoder.InetDiagInfo - 1)) | (1 << (LinuxSockDiagDecoder.InetDiagCong - 1));
        }

        if (includeSocketMemory)
        {
            bits |= 1 << (LinuxSockDiagDecoder.InetDiagSkMemInfo - 1);
        }

        return (byte)bits;
    }

    private bool DumpOnce(byte[] request, TransportProtocol protocol, bool includeTcpInfo, bool includeSocketMemory, LinuxAddressCache addresses, List<Connection> into, out bool interrupted, out int errno)
    {
        interrupted = false;
        uint seq = NetlinkSocket.NextSequence();
        LinuxSockDiagRequest.SetSequence(request, seq);
        fixed (byte* message = request)
        {
            if (!this.socket.Send(message, request.Length, out errno))
            {
                return false;
            }
        }

        // Each datagram is decoded straight into rows: the dump is never buffered whole.
        while (true)
        {
            if (!this.socket.TryReceive(out ReadOnlySpan<byte> datagram, out errno))
            {
                return false;
            }

            LinuxSockDiagChunk chunk;
            try
            {
                chunk = LinuxSockDiagDecoder.Decode(datagram, seq, this.socket.PortId, protocol, includeTcpInfo, addresses, into, includeSocketMemory);
            }
            catch (NetstatDecodeException)
            {
                errno = 74; // EBADMSG
                this.socket.Drain();
                return false;
            }

            interrupted |= chunk.Interrupted;
            switch (chunk.Status)
            {
                case LinuxSockDiagStatus.Done:
                    errno = 0;
                    return true;
                case LinuxSockDiagStatus.Error:
                    errno = chunk.Error;
                    return false;
            }
        }
    }
}
