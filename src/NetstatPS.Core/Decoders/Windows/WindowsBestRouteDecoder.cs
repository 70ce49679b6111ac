using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Decoders.Windows;

/// <summary>
/// Decodes GetBestRoute2's two outputs — the chosen MIB_IPFORWARD_ROW2 (104 bytes) and the SOCKADDR_INET
/// of the source address the stack would use (28 bytes) — into one Route: the row as a table row decodes,
/// with InterfaceAddress the best source address. Pure: bytes in, object out.
/// </summary>
internal static unsafe class WindowsBestRouteDecoder
{
    /// <summary>Decodes the outputs.</summary>
    /// <param name="row">The MIB_IPFORWARD_ROW2 bytes.</param>
    /// <param name="bestSource">The SOCKADDR_INET bytes.</param>
    /// <param name="interfaceNames">Interface aliases by index.</param>
    /// <returns>The route.</returns>
    public static Route Decode(ReadOnlySpan<byte> row, ReadOnlySpan<byte> bestSource, IReadOnlyDictionary<int, string> interfaceNames)
    {
        if (row.Length < sizeof(MibIpForwardRow2) || bestSource.Length < sizeof(SockaddrInet))
        {
            throw new NetstatDecodeException($"GetBestRoute2's answer of {row.Length} and {bestSource.Length} bytes is shorter than MIB_IPFORWARD_ROW2 ({sizeof(MibIpForwardRow2)}) and SOCKADDR_INET ({sizeof(SockaddrInet)}).");
        }

        MibIpForwardRow2 r = MemoryMarshal.Read<MibIpForwardRow2>(row);
        SockaddrInet source = MemoryMarshal.Read<SockaddrInet>(bestSource);
        Route route = WindowsRouteDecoder.DecodeRow(r, "GetBestRoute2's MIB_IPFORWARD_ROW2", interfaceNames, _ => true)!;
        route.InterfaceAddress = WindowsRouteDecoder.AddressText(source);
        return route;
    }
}
