using System.Net;

namespace NetstatPS.Decoders.Windows;

/// <summary>One unicast address of an interface (a MIB_UNICASTIPADDRESS_ROW reduced to what route matching needs).</summary>
/// <param name="InterfaceIndex">The interface.</param>
/// <param name="Address">The address (no zone).</param>
/// <param name="PrefixLength">OnLinkPrefixLength.</param>
/// <param name="SkipAsSource">True when the stack never uses it as a source address.</param>
internal readonly record struct WindowsUnicastAddress(int InterfaceIndex, IPAddress Address, int PrefixLength, bool SkipAsSource);
