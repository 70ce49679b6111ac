using System.Globalization;

namespace NetstatPS.Decoders;

/// <summary>
/// ICMP message type names for the per-type Received/Sent tables, the same on every OS so scripts can
/// key on them: RFC 792 numbers for ICMPv4, RFC 4443 / RFC 3810 numbers and names for ICMPv6. A type
/// without a name is "Type" + its number (Type42).
/// </summary>
internal static class IcmpTypeNames
{
    /// <summary>The name of an ICMP message type.</summary>
    /// <param name="type">The type number.</param>
    /// <param name="v6">ICMPv6 rather than ICMPv4.</param>
    /// <returns>The name, never null.</returns>
    public static string Name(int type, bool v6) =>
        (v6 ? IPv6(type) : IPv4(type)) ?? "Type" + type.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ICMPv4 name of <paramref name="type"/>, or null when unnamed.</summary>
    /// <param name="type">The type number.</param>
    /// <returns>The name or null.</returns>
    public static string? IPv4(int type) => type switch
    {
        0 => "EchoReply",
        3 => "DestinationUnreachable",
        4 => "SourceQuench",
        5 => "Redirect",
        8 => "EchoRequest",
        9 => "RouterAdvertisement",
        10 => "RouterSolicitation",
        11 => "TimeExceeded",
        12 => "ParameterProblem",
        13 => "TimestampRequest",
        14 => "TimestampReply",
        15 => "InformationRequest",
        16 => "InformationReply",
        17 => "AddressMaskRequest",
        18 => "AddressMaskReply",
        _ => null,
    };

    /// <summary>The ICMPv6 name of <paramref name="type"/>, or null when unnamed.</summary>
    /// <param name="type">The type number.</param>
    /// <returns>The name or null.</returns>
    public static string? IPv6(int type) => type switch
    {
        1 => "DestinationUnreachable",
        2 => "PacketTooBig",
        3 => "TimeExceeded",
        4 => "ParameterProblem",
        128 => "EchoRequest",
        129 => "EchoReply",
        130 => "MulticastListenerQuery",
        131 => "MulticastListenerReport",
        132 => "MulticastListenerDone",
        133 => "RouterSolicitation",
        134 => "RouterAdvertisement",
        135 => "NeighborSolicitation",
        136 => "NeighborAdvertisement",
        137 => "Redirect",
        138 => "RouterRenumbering",
        143 => "MulticastListenerReportV2",
        _ => null,
    };
}
