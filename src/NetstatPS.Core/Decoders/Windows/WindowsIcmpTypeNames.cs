namespace NetstatPS.Decoders.Windows;

/// <summary>ICMP message type names for the per-type counters of MIB_ICMP_EX (RFC 792 / RFC 4443 numbers, netstat -s wording).</summary>
internal static class WindowsIcmpTypeNames
{
    /// <summary>The ICMPv4 name of <paramref name="type"/>, or null when unnamed.</summary>
    /// <param name="type">The type number.</param>
    /// <returns>The name.</returns>
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
    /// <returns>The name.</returns>
    public static string? IPv6(int type) => type switch
    {
        1 => "DestinationUnreachable",
        2 => "PacketTooBig",
        3 => "TimeExceeded",
        4 => "ParameterProblem",
        128 => "EchoRequest",
        129 => "EchoReply",
        130 => "MembershipQuery",
        131 => "MembershipReport",
        132 => "MembershipReduction",
        133 => "RouterSolicitation",
        134 => "RouterAdvertisement",
        135 => "NeighborSolicitation",
        136 => "NeighborAdvertisement",
        137 => "Redirect",
        138 => "RouterRenumbering",
        143 => "MembershipReportV2",
        _ => null,
    };
}
