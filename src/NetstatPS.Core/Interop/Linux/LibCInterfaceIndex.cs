using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>
/// if_nametoindex(3): the index of an interface in the calling thread's network namespace (an ioctl on
/// a socket, so unlike /sys/class/net it is right inside a namespace whose sysfs was not remounted).
/// </summary>
internal static unsafe class LibCInterfaceIndex
{
    /// <summary>The interface's index, or null when no interface has that name.</summary>
    /// <param name="name">The interface name.</param>
    /// <returns>The index or null.</returns>
    public static int? NameToIndex(string name)
    {
        // The name's own bytes (OsText's inverse), so a name read from the kernel with bytes that are not
        // UTF-8 finds its interface; text no OS byte string gives names no interface.
        byte[] encoded;
        try
        {
            encoded = OsText.GetBytes(name)!;
        }
        catch (System.ArgumentException)
        {
            return null;
        }

        byte[] bytes = new byte[encoded.Length + 1];
        encoded.CopyTo(bytes, 0);
        fixed (byte* p = bytes)
        {
            uint index = if_nametoindex(p);
            return index == 0 ? null : (int)index;
        }
    }

    [DllImport("libc", EntryPoint = "if_nametoindex")]
    private static extern uint if_nametoindex(byte* ifname);
}
