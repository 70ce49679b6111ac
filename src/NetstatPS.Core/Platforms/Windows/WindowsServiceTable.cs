using System;
using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// One snapshot of the active Win32 services with their process ids: EnumServicesStatusExW
/// (SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_ACTIVE), which every user may call. Read once per call.
/// </summary>
internal static unsafe class WindowsServiceTable
{
    /// <summary>The active services; empty when the service manager cannot be opened.</summary>
    /// <returns>The rows.</returns>
    public static List<WindowsServiceEntry> Snapshot()
    {
        var services = new List<WindowsServiceEntry>();
        IntPtr manager = ServiceControlManager.OpenSCManagerW(null, null, ServiceControlManager.SC_MANAGER_ENUMERATE_SERVICE);
        if (manager == IntPtr.Zero)
        {
            return services;
        }

        try
        {
            uint resume = 0;
            byte[] buffer = new byte[64 * 1024];
            while (true)
            {
                uint needed = 0, returned = 0;
                int ok;
                int error;
                fixed (byte* b = buffer)
                {
                    ok = ServiceControlManager.EnumServicesStatusExW(manager, ServiceControlManager.SC_ENUM_PROCESS_INFO, ServiceControlManager.SERVICE_WIN32, ServiceControlManager.SERVICE_ACTIVE, b, (uint)buffer.Length, &needed, &returned, &resume, null);
                    error = ok == 0 ? System.Runtime.InteropServices.Marshal.GetLastWin32Error() : 0;

                    // The strings point into the buffer, so decode while it is pinned at the address the API saw.
                    WindowsServiceTableDecoder.Decode(buffer, (ulong)(long)(IntPtr)b, (int)returned, IntPtr.Size, services);
                }

                if (ok != 0 || error != ServiceControlManager.ERROR_MORE_DATA)
                {
                    return services;
                }

                if (returned == 0)
                {
                    // Not even one row fitted: grow to what it asked for (bounded by the documented maximum).
                    if (buffer.Length >= ServiceControlManager.MaxBufferSize || needed <= buffer.Length)
                    {
                        return services;
                    }

                    buffer = new byte[Math.Min((int)needed, ServiceControlManager.MaxBufferSize)];
                }
            }
        }
        finally
        {
            ServiceControlManager.CloseServiceHandle(manager);
        }
    }
}
