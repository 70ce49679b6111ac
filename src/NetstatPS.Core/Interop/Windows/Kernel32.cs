using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>The kernel32.dll calls for process names and paths (blittable signatures).</summary>
internal static unsafe class Kernel32
{
    /// <summary>TH32CS_SNAPPROCESS.</summary>
    public const uint TH32CS_SNAPPROCESS = 0x00000002;

    /// <summary>PROCESS_QUERY_LIMITED_INFORMATION: enough for QueryFullProcessImageNameW, granted for most processes without elevation.</summary>
    public const uint PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

    /// <summary>INVALID_HANDLE_VALUE.</summary>
    public static readonly IntPtr InvalidHandleValue = new(-1);

    private const string Library = "kernel32.dll";

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern IntPtr CreateToolhelp32Snapshot(uint flags, uint processId);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int Process32FirstW(IntPtr snapshot, ProcessEntry32W* entry);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int Process32NextW(IntPtr snapshot, ProcessEntry32W* entry);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern IntPtr OpenProcess(uint desiredAccess, int inheritHandle, uint processId);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int QueryFullProcessImageNameW(IntPtr process, uint flags, char* exeName, uint* size);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int CloseHandle(IntPtr handle);
}
