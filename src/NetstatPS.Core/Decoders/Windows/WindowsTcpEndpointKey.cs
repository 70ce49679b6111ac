namespace NetstatPS.Decoders.Windows;

/// <summary>
/// A TCP connection's four-tuple as the tables store it (addresses as raw bits, ports as read), used to
/// join GetTcpTable2's offload state onto the rows of the extended table.
/// </summary>
/// <param name="LocalHigh">IPv6: the first 8 bytes of the local address; IPv4: 0.</param>
/// <param name="LocalLow">IPv6: the last 8 bytes; IPv4: the address DWORD.</param>
/// <param name="RemoteHigh">Same for the remote address.</param>
/// <param name="RemoteLow">Same for the remote address.</param>
/// <param name="Ports">The local port in the high 16 bits, the remote port in the low 16 bits.</param>
internal readonly record struct WindowsTcpEndpointKey(ulong LocalHigh, ulong LocalLow, ulong RemoteHigh, ulong RemoteLow, uint Ports);
