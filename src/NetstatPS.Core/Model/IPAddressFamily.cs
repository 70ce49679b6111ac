namespace NetstatPS;

/// <summary>The IP version of an address, route or socket; named as in Get-NetRoute's -AddressFamily.</summary>
public enum IPAddressFamily
{
    /// <summary>IPv4 (AF_INET).</summary>
    IPv4 = 2,

    /// <summary>IPv6 (AF_INET6).</summary>
    IPv6 = 23,
}
