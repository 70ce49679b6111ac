using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>The advapi32.dll registry calls used to read route -p's persistent store and the token calls that name a process's user (blittable signatures).</summary>
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

    /// <summary>TOKEN_QUERY.</summary>
    public const uint TOKEN_QUERY = 0x0008;

    /// <summary>TokenUser (TOKEN_INFORMATION_CLASS): a TOKEN_USER, whose first member is the user's PSID.</summary>
    public const int TokenUser = 1;

    private const string Library = "advapi32.dll";

    [DllImport(Library, ExactSpelling = true)]
    public static extern int RegOpenKeyExW(IntPtr key, char* subKey, uint options, uint samDesired, IntPtr* result);

    [DllImport(Library, ExactSpelling = true)]
    public static extern int RegEnumValueW(IntPtr key, uint index, char* valueName, uint* valueNameLength, IntPtr reserved, uint* type, byte* data, uint* dataLength);

    [DllImport(Library, ExactSpelling = true)]
    public static extern int RegCloseKey(IntPtr key);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int OpenProcessToken(IntPtr process, uint desiredAccess, IntPtr* token);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int GetTokenInformation(IntPtr token, int informationClass, void* information, uint length, uint* returnLength);

    [DllImport(Library, ExactSpelling = true)]
    public static extern uint GetLengthSid(void* sid);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int LookupAccountSidW(char* systemName, void* sid, char* name, uint* nameLength, char* domain, uint* domainLength, int* use);
}
