using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace NetstatPS.Decoders.Linux;

/// <summary>
/// The interface index of each local IPv6 link-local address (from /proc/net/if_inet6): /proc/net/tcp6
/// has no interface column, so the /proc path finds a link-local socket's scope from its local address.
/// An address configured on several interfaces has no single answer and gives null.
/// </summary>
internal sealed class LinuxLinkLocalScopes
{
    private readonly Dictionary<(ulong High, ulong Low), int> byAddress = new();

    /// <summary>An empty table.</summary>
    public static LinuxLinkLocalScopes Empty { get; } = new();

    /// <summary>Records one address; an address seen on a second interface becomes ambiguous.</summary>
    /// <param name="address">16 bytes in network order.</param>
    /// <param name="interfaceIndex">The interface index.</param>
    public void Add(ReadOnlySpan<byte> address, int interfaceIndex)
    {
        var key = Key(address);
        if (this.byAddress.TryGetValue(key, out int known) && known != interfaceIndex)
        {
            this.byAddress[key] = 0;
        }
        else
        {
            this.byAddress[key] = interfaceIndex;
        }
    }

    /// <summary>The interface of a local link-local address, or 0 when unknown or ambiguous.</summary>
    /// <param name="address">16 bytes in network order.</param>
    /// <returns>The interface index or 0.</returns>
    public int Find(ReadOnlySpan<byte> address) => this.byAddress.TryGetValue(Key(address), out int index) ? index : 0;

    private static (ulong High, ulong Low) Key(ReadOnlySpan<byte> address) =>
        (MemoryMarshal.Read<ulong>(address), MemoryMarshal.Read<ulong>(address.Slice(8)));
}
