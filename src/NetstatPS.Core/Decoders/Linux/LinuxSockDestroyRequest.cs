using System;
using System.Buffers.Binary;
using System.Net;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// Encodes the SOCK_DESTROY request that closes one TCP socket, as ss -K sends it: struct nlmsghdr
/// (type SOCK_DESTROY = 21, NLM_F_REQUEST | NLM_F_ACK) followed by struct inet_diag_req_v2 whose id
/// (inet_diag_sockid) names the socket exactly: family, protocol, both addresses and ports, the bound
/// interface and the socket cookie. 72 bytes. Kept apart from the dump request (which may carry
/// INET_DIAG_REQ_BYTECODE filters) because this one never has attributes.
/// </summary>
/// <remarks>
/// The kernel (inet_diag_cmd_exact → inet_diag_find_one_icsk) looks the socket up by its four-tuple,
/// and that lookup falls back to a listener on the local port when no connection matches; then
/// sock_diag_check_cookie refuses with ESTALE unless the cookie is that socket's. So a request always
/// carries the cookie: without one (INET_DIAG_NOCOOKIE) a connection that closed in the meantime could
/// let the listener that accepted it be destroyed instead. <see cref="Build"/> therefore refuses a
/// connection without a cookie.
/// </remarks>
internal static class LinuxSockDestroyRequest
{
    /// <summary>SOCK_DESTROY (linux/sock_diag.h).</summary>
    public const ushort SockDestroy = 21;

    /// <summary>NLM_F_REQUEST | NLM_F_ACK: the kernel answers NLMSG_ERROR, 0 on success.</summary>
    public const ushort Flags = 0x1 | 0x4;

    /// <summary>sizeof(struct nlmsghdr) + sizeof(struct inet_diag_req_v2).</summary>
    public const int Length = 16 + 56;

    private const byte AfInet = 2;
    private const byte AfInet6 = 10;
    private const byte IpProtoTcp = 6;

    /// <summary>NLM_F_REQUEST alone: the exact SOCK_DIAG_BY_FAMILY lookup answers with the socket itself.</summary>
    public const ushort LookupFlags = 0x1;

    /// <summary>The request bytes for <paramref name="connection"/> (nlmsg_seq left 0 for the sender to fill).</summary>
    /// <param name="connection">A TCP connection with its <see cref="Connection.SocketCookie"/>.</param>
    /// <returns>72 bytes.</returns>
    /// <exception cref="ArgumentException">Not TCP, no address family, or no socket cookie.</exception>
    public static byte[] Build(Connection connection) => Encode(connection, SockDestroy, Flags);

    /// <summary>
    /// The same id as an exact SOCK_DIAG_BY_FAMILY request (no NLM_F_DUMP): the kernel answers with that
    /// one socket's inet_diag_msg, so its current state is known before it is destroyed, or with ENOENT /
    /// ESTALE when it is gone. Checked first because a cookie survives into TIME_WAIT (inet_twsk_alloc
    /// copies it): a connection closed in the meantime would otherwise be "destroyed" in TIME_WAIT.
    /// </summary>
    /// <param name="connection">A TCP connection with its <see cref="Connection.SocketCookie"/>.</param>
    /// <returns>72 bytes.</returns>
    /// <exception cref="ArgumentException">Not TCP, no address family, or no socket cookie.</exception>
    public static byte[] BuildLookup(Connection connection) => Encode(connection, LinuxSockDiagDecoder.SockDiagByFamily, LookupFlags);

    private static byte[] Encode(Connection connection, ushort type, ushort flags)
    {
        if (connection.Protocol != TransportProtocol.Tcp || connection.AddressFamily is not IPAddressFamily family)
        {
            throw new ArgumentException("Only TCP connections can be destroyed.", nameof(connection));
        }

        if (connection.SocketCookie is not ulong cookie)
        {
            throw new ArgumentException("The connection has no socket cookie: it would not be identified exactly.", nameof(connection));
        }

        byte[] request = new byte[Length];
        Span<byte> r = request;
        BinaryPrimitives.WriteUInt32LittleEndian(r, Length);
        BinaryPrimitives.WriteUInt16LittleEndian(r.Slice(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(r.Slice(6), flags);

        // inet_diag_req_v2: family, protocol, idiag_ext 0, pad, idiag_states 0 (an exact request ignores states).
        r[16] = family == IPAddressFamily.IPv4 ? AfInet : AfInet6;
        r[17] = IpProtoTcp;

        // inet_diag_sockid at 24: sport, dport (big endian), src[4], dst[4] (network order), if, cookie[2] (host order).
        Span<byte> id = r.Slice(24, 48);
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)connection.LocalPortNumber);
        BinaryPrimitives.WriteUInt16BigEndian(id.Slice(2), (ushort)connection.RemotePortNumber);
        WriteAddress(connection.LocalIPAddress, family, id.Slice(4, 16));
        WriteAddress(connection.RemoteIPAddress, family, id.Slice(20, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(id.Slice(36), (uint)(connection.InterfaceIndex ?? 0));
        BinaryPrimitives.WriteUInt32LittleEndian(id.Slice(40), (uint)cookie);
        BinaryPrimitives.WriteUInt32LittleEndian(id.Slice(44), (uint)(cookie >> 32));
        return request;
    }

    private static void WriteAddress(IPAddress address, IPAddressFamily family, Span<byte> into)
    {
        byte[] bytes = address.GetAddressBytes();
        int expected = family == IPAddressFamily.IPv4 ? 4 : 16;
        if (bytes.Length != expected)
        {
            throw new ArgumentException($"The address {address} is not an {family} address.", nameof(address));
        }

        bytes.CopyTo(into);
    }
}
