using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Windows;

/// <summary>The advapi32.dll service control manager calls that list services with their process ids (blittable signatures).</summary>
internal static unsafe class ServiceControlManager
{
    /// <summary>SC_MANAGER_ENUMERATE_SERVICE: the right to list services (granted to every user).</summary>
    public const uint SC_MANAGER_ENUMERATE_SERVICE = 0x0004;

    /// <summary>SC_ENUM_PROCESS_INFO: rows are ENUM_SERVICE_STATUS_PROCESSW.</summary>
    public const int SC_ENUM_PROCESS_INFO = 0;

    /// <summary>SERVICE_WIN32: own-process and shared-process services (not drivers).</summary>
    public const uint SERVICE_WIN32 = 0x30;

    /// <summary>SERVICE_ACTIVE: running, starting, stopping, paused — the services that have a process.</summary>
    public const uint SERVICE_ACTIVE = 0x1;

    /// <summary>ERROR_MORE_DATA: the buffer held only part of the list; call again with the resume handle.</summary>
    public const int ERROR_MORE_DATA = 234;

    /// <summary>The largest buffer EnumServicesStatusEx fills in one call (256 KB, as documented).</summary>
    public const int MaxBufferSize = 256 * 1024;

    private const string Library = "advapi32.dll";

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern IntPtr OpenSCManagerW(char* machineName, char* databaseName, uint desiredAccess);

    [DllImport(Library, ExactSpelling = true, SetLastError = true)]
    public static extern int EnumServicesStatusExW(IntPtr manager, int infoLevel, uint serviceType, uint serviceState, byte* services, uint bufferSize, uint* bytesNeeded, uint* servicesReturned, uint* resumeHandle, char* groupName);

    [DllImport(Library, ExactSpelling = true)]
    public static extern int CloseServiceHandle(IntPtr handle);
}
