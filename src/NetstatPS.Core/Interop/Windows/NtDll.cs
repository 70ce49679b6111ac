using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>The ntdll.dll call that reads another process's command line (blittable signature).</summary>
internal static unsafe class NtDll
{
    /// <summary>ProcessCommandLineInformation (PROCESSINFOCLASS 60, Windows 8.1+): a UNICODE_STRING followed by its characters; needs only PROCESS_QUERY_LIMITED_INFORMATION.</summary>
    public const int ProcessCommandLineInformation = 60;

    /// <summary>STATUS_INFO_LENGTH_MISMATCH: the buffer is too small; the return length says how big.</summary>
    public const int STATUS_INFO_LENGTH_MISMATCH = unchecked((int)0xC0000004);

    private const string Library = "ntdll.dll";

    [DllImport(Library, ExactSpelling = true)]
    public static extern int NtQueryInformationProcess(IntPtr process, int informationClass, void* information, uint length, uint* returnLength);
}
