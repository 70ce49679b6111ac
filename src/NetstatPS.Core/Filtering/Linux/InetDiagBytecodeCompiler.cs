using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetstatPS.Abstractions;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Filtering.Linux;

/// <summary>
/// Compiles -LocalPort, -RemotePort, -LocalAddress and -RemoteAddress into an INET_DIAG_REQ_BYTECODE
/// program, so the kernel skips the sockets that cannot match instead of sending them (what ss does
/// with <c>sport = :80</c>). The meaning is ConnectionFilter.MatchesEndpoints': any value of a
/// parameter, every parameter given. The reader still applies that C# filter to what the kernel sends.
/// </summary>
/// <remarks>
/// <para>Each value is one condition op with an inet_diag_hostcond: a port is family AF_UNSPEC, prefix 0
/// and the port (every kernel with bytecode understands it, unlike the later S_EQ/D_EQ ops); an address
/// or prefix is its family, prefix length, network bytes and port -1 (any). An IPv4 condition also
/// matches IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) in the kernel, exactly as
/// <see cref="AddressFilter.IsMatch"/> does; an IPv6 condition never matches an IPv4 socket, so it is
/// left out of an IPv4 dump.</para>
/// <para>The kernel's audit (inet_diag_bc_audit) walks only the "yes" chain and requires every "no"
/// target to lie on it, and a program to end exactly where the chain ends. So every op's yes is its own
/// length, and a parameter's values are laid out as</para>
/// <code>
///   v1 [yes: JMP1, no: v2]  JMP1 [no: past the parameter]  v2 … JMPn-1  vn [yes: next parameter, no: reject]
/// </code>
/// <para>where reject is a jump to four bytes past the program's end (the kernel drops a socket whose
/// walk overshoots the end) and accept is falling off the end.</para>
/// </remarks>
internal static class InetDiagBytecodeCompiler
{
    /// <summary>The longest program: nla_len (u16) holds it and its 4-byte header; the last reject jump (length + 4) fits a u16.</summary>
    internal const int MaxProgramLength = 65528;

    /// <summary>The program for one dump of <paramref name="dumpFamily"/>, or null when the query has no endpoint filter.</summary>
    /// <param name="query">The query.</param>
    /// <param name="dumpFamily">The family of the dump the program goes with; null for a dump of both families.</param>
    /// <returns>The program, <see cref="InetDiagBytecode.MatchesNothing"/>, <see cref="InetDiagBytecode.TooLong"/>, or null.</returns>
    public static InetDiagBytecode? Compile(ConnectionQuery query, IPAddressFamily? dumpFamily)
    {
        var parameters = new List<List<Condition>>(4);
        AddPorts(parameters, query.LocalPorts, InetDiagBytecodeOp.SourceCondition);
        AddPorts(parameters, query.RemotePorts, InetDiagBytecodeOp.DestinationCondition);
        AddAddresses(parameters, query.LocalAddresses, InetDiagBytecodeOp.SourceCondition, dumpFamily);
        AddAddresses(parameters, query.RemoteAddresses, InetDiagBytecodeOp.DestinationCondition, dumpFamily);
        if (parameters.Count == 0)
        {
            return null;
        }

        long total = 0;
        foreach (List<Condition> values in parameters)
        {
            if (values.Count == 0)
            {
                return InetDiagBytecode.MatchesNothing;
            }

            foreach (Condition c in values)
            {
                total += c.Length + InetDiagBytecodeOp.OpLength;
            }

            total -= InetDiagBytecodeOp.OpLength; // no jump after a parameter's last value
        }

        if (total > MaxProgramLength)
        {
            return InetDiagBytecode.TooLong;
        }

        byte[] program = new byte[(int)total];
        int at = 0;
        foreach (List<Condition> values in parameters)
        {
            int end = at;
            foreach (Condition c in values)
            {
                end += c.Length + InetDiagBytecodeOp.OpLength;
            }

            end -= InetDiagBytecodeOp.OpLength;
            for (int i = 0; i < values.Count; i++)
            {
                Condition c = values[i];
                bool last = i == values.Count - 1;

                // Not the last value: on a miss, skip this value's jump and try the next value.
                // The last value: on a miss, the socket fails this parameter, so jump past the program.
                int no = last ? program.Length - at + InetDiagBytecodeOp.OpLength : c.Length + InetDiagBytecodeOp.OpLength;
                c.Write(program.AsSpan(at), no);
                at += c.Length;
                if (!last)
                {
                    // A value matched: jump over the parameter's other values. As a JMP's yes is never
                    // taken, yes = 4 only keeps the next value on the chain the kernel's audit walks.
                    WriteOp(program.AsSpan(at), InetDiagBytecodeOp.Jump, InetDiagBytecodeOp.OpLength, end - at);
                    at += InetDiagBytecodeOp.OpLength;
                }
            }
        }

        return InetDiagBytecode.Of(program);
    }

    private static void AddPorts(List<List<Condition>> parameters, IReadOnlyCollection<int> ports, byte code)
    {
        if (ports.Count == 0)
        {
            return;
        }

        var values = new List<Condition>(ports.Count);
        var seen = new HashSet<int>();
        foreach (int port in ports)
        {
            if (seen.Add(port))
            {
                values.Add(new Condition(code, InetDiagBytecodeOp.FamilyAny, 0, port, ReadOnlySpan<byte>.Empty));
            }
        }

        parameters.Add(values);
    }

    private static void AddAddresses(List<List<Condition>> parameters, IReadOnlyList<AddressFilter> filters, byte code, IPAddressFamily? dumpFamily)
    {
        if (filters.Count == 0)
        {
            return;
        }

        var values = new List<Condition>(filters.Count);
        foreach (AddressFilter f in filters)
        {
            bool v4 = f.Family == AddressFamily.InterNetwork;
            if (!v4 && dumpFamily == IPAddressFamily.IPv4)
            {
                continue; // an IPv6 prefix never holds an IPv4 socket
            }

            values.Add(new Condition(code, v4 ? InetDiagBytecodeOp.FamilyInet : InetDiagBytecodeOp.FamilyInet6, (byte)f.PrefixLength, InetDiagBytecodeOp.AnyPort, f.Network));
        }

        parameters.Add(values);
    }

    private static void WriteOp(Span<byte> into, byte code, int yes, int no)
    {
        into[0] = code;
        into[1] = checked((byte)yes);
        ushort noField = checked((ushort)no);
        MemoryMarshal.Write(into.Slice(2), ref noField);
    }

    /// <summary>One condition op: the op, its inet_diag_hostcond and the address bytes.</summary>
    private readonly struct Condition
    {
        private readonly byte code;
        private readonly byte family;
        private readonly byte prefixLength;
        private readonly int port;
        private readonly byte[] address;

        public Condition(byte code, byte family, byte prefixLength, int port, ReadOnlySpan<byte> address)
        {
            this.code = code;
            this.family = family;
            this.prefixLength = prefixLength;
            this.port = port;
            this.address = address.ToArray();
        }

        /// <summary>The op, the hostcond and the address: what the kernel's audit requires as this op's yes.</summary>
        public int Length => InetDiagBytecodeOp.OpLength + InetDiagBytecodeOp.HostConditionLength + this.address.Length;

        public void Write(Span<byte> into, int no)
        {
            WriteOp(into, this.code, this.Length, no);
            Span<byte> cond = into.Slice(InetDiagBytecodeOp.OpLength);
            cond[0] = this.family;
            cond[1] = this.prefixLength;
            cond[2] = 0;
            cond[3] = 0;
            int portField = this.port;
            MemoryMarshal.Write(cond.Slice(4), ref portField); // int port, host byte order
            this.address.CopyTo(cond.Slice(InetDiagBytecodeOp.HostConditionLength)); // __be32 addr[]: network order
        }
    }
}
