using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>MIB_UNICASTIPADDRESS_ROW (netioapi.h), 80 bytes: one address of GetUnicastIpAddressTable.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MibUnicastIpAddressRow
{
    public SockaddrInet Address;
    public ulong InterfaceLuid;
    public uint InterfaceIndex;

    /// <summary>NL_PREFIX_ORIGIN.</summary>
    public int PrefixOrigin;

    /// <summary>NL_SUFFIX_ORIGIN.</summary>
    public int SuffixOrigin;
    public uint ValidLifetime;
    public uint PreferredLifetime;
    public byte OnLinkPrefixLength;
    public byte SkipAsSource;

    /// <summary>NL_DAD_STATE.</summary>
    public int DadState;

    /// <summary>SCOPE_ID (Zone : 28, Level : 4).</summary>
    public uint ScopeId;
    public long CreationTimeStamp;
}
