using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>The advapi32.dll registry calls used to read route -p's persistent store (blittable signatures).</summary>
internal static unsafe class Advapi32
{
    /// <summary>HKEY_LOCAL_MACHINE.</summary>
    public static readonly IntPtr HKEY_LOCAL_MACHINE = new(unchecked((int)0x80000002));

    /// <summary>KEY_READ.</summary>
    public const uint KEY_READ = 0x20019;

    /// <summary>ERROR_FILE_NOT_FOUND: the key does not exist.</summary>
    public const int ERROR_FILE_NOT_FOUND = 2;

    /// <summary>ERROR_NO_MORE_ITEMS: the enumeration is over.</summary>
    public const int ERROR_NO_MORE_ITEMS = 259;

    /// <summary>ERROR_MORE_DATA.</summary>
    public const int ERROR_MORE_DATA = 234;

    private const string Library = "advapi32.dll";

    [DllImport(Library, ExactSpelling = true)]
    public static extern int RegOpenKeyExW(IntPtr key, char* subKey, uint options, uint samDesired, IntPtr* result);

    [DllImport(Library, ExactSpelling = true)]
    public static extern int RegEnumValueW(IntPtr key, uint index, char* valueName, uint* valueNameLength, IntPtr reserved, uint* type, byte* data, uint* dataLength);

    [DllImport(Library, ExactSpelling = true)]
    public static extern int RegCloseKey(IntPtr key);
}
