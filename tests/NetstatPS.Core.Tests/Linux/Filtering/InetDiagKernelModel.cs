using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetstatPS.Core.Tests.Linux.Filtering;

/// <summary>
/// What the kernel does with an INET_DIAG_REQ_BYTECODE program, written from the semantics of
/// net/ipv4/inet_diag.c (inet_diag_bc_audit, valid_cc, valid_hostcond, inet_diag_bc_run,
/// bitstring_match) for the ops the compiler emits. The unit tests check the compiler's bytes against
/// it on many filters and sockets; the live tests check the real kernel.
/// </summary>
internal static class InetDiagKernelModel
{
    private const byte Nop = 0, Jmp = 1, SGe = 2, SLe = 3, DGe = 4, DLe = 5, SCond = 7, DCond = 8;

    /// <summary>inet_diag_bc_audit: true when the kernel accepts the program.</summary>
    public static bool Audit(ReadOnlySpan<byte> bc)
    {
        if (bc.Length < 4)
        {
            return false;
        }

        int len = bc.Length;
        int at = 0;
        while (len > 0)
        {
            if (len < 4)
            {
                return false;
            }

            byte code = bc[at];
            int yes = bc[at + 1];
            int no = BinaryPrimitives.ReadUInt16LittleEndian(bc.Slice(at + 2));
            int minLen = 4;
            switch (code)
            {
                case SCond or DCond:
                    minLen += 8;
                    if (len < minLen)
                    {
                        return false;
                    }

                    byte family = bc[at + 4];
                    int addrLen = family switch { 0 => 0, 2 => 4, 10 => 16, _ => -1 };
                    if (addrLen < 0)
                    {
                        return false;
                    }

                    minLen += addrLen;
                    if (len < minLen || bc[at + 5] > 8 * addrLen)
                    {
                        return false;
                    }

                    break;
                case SGe or SLe or DGe or DLe:
                    minLen += 4;
                    if (len < minLen)
                    {
                        return false;
                    }

                    break;
                case Jmp or Nop:
                    break;
                default:
                    return false;
            }

            if (code != Nop)
            {
                if (no < minLen || no > len + 4 || (no & 3) != 0)
                {
                    return false;
                }

                if (no < len && !ValidTarget(bc, len - no))
                {
                    return false;
                }
            }

            if (yes < minLen || yes > len + 4 || (yes & 3) != 0)
            {
                return false;
            }

            at += yes;
            len -= yes;
        }

        return len == 0;
    }

    /// <summary>inet_diag_bc_run: true when the socket is dumped.</summary>
    public static bool Run(ReadOnlySpan<byte> bc, IPAddress local, int localPort, IPAddress remote, int remotePort)
    {
        int len = bc.Length;
        int at = 0;
        while (len > 0)
        {
            byte code = bc[at];
            bool holds = code switch
            {
                Nop => true,
                Jmp => false,
                SCond => HostCondition(bc.Slice(at + 4), local, localPort),
                DCond => HostCondition(bc.Slice(at + 4), remote, remotePort),
                _ => throw new NotSupportedException("op " + code + " is not modelled"),
            };

            int step = holds ? bc[at + 1] : BinaryPrimitives.ReadUInt16LittleEndian(bc.Slice(at + 2));
            at += step;
            len -= step;
        }

        return len == 0;
    }

    private static bool ValidTarget(ReadOnlySpan<byte> bc, int cc)
    {
        int len = bc.Length;
        int at = 0;
        while (len >= 0)
        {
            if (cc > len)
            {
                return false;
            }

            if (cc == len)
            {
                return true;
            }

            int yes = bc[at + 1];
            if (yes < 4 || (yes & 3) != 0)
            {
                return false;
            }

            len -= yes;
            at += yes;
        }

        return false;
    }

    private static bool HostCondition(ReadOnlySpan<byte> cond, IPAddress address, int port)
    {
        byte family = cond[0];
        int prefix = cond[1];
        int condPort = BinaryPrimitives.ReadInt32LittleEndian(cond.Slice(4));
        ReadOnlySpan<byte> network = cond.Slice(8);
        if (condPort != -1 && condPort != port)
        {
            return false;
        }

        byte[] bytes = address.GetAddressBytes();
        byte entryFamily = address.AddressFamily == AddressFamily.InterNetwork ? (byte)2 : (byte)10;
        if (family != 0 && family != entryFamily)
        {
            if (entryFamily == 10 && family == 2)
            {
                bool mapped = bytes.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xFF && bytes[11] == 0xFF;
                return mapped && BitsMatch(bytes.AsSpan(12), network, prefix);
            }

            return false;
        }

        return prefix == 0 || BitsMatch(bytes, network, prefix);
    }

    private static bool BitsMatch(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int bits)
    {
        int full = bits / 8, rest = bits % 8;
        if (!a.Slice(0, full).SequenceEqual(b.Slice(0, full)))
        {
            return false;
        }

        return rest == 0 || ((a[full] ^ b[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
    }
}
