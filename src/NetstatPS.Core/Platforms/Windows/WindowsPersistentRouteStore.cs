using System;
using System.Collections.Generic;
using NetstatPS.Decoders.Windows;
using NetstatPS.Interop.Windows;

namespace NetstatPS.Platforms.Windows;

/// <summary>
/// The IPv4 routes route -p made persistent, from the registry key route print's "Persistent Routes"
/// section lists. MIB_IPFORWARD_ROW2 does not say whether a route is persistent, so this is the one place
/// to learn it. IPv6 persistent routes live in the NSI store, which has no documented API: IPv6 routes
/// keep Persistent null.
/// </summary>
internal static unsafe class WindowsPersistentRouteStore
{
    private const string KeyPath = @"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\PersistentRoutes";

    /// <summary>The persistent IPv4 routes as WindowsPersistentRouteDecoder keys; empty when the key does not exist (no persistent routes); null when it cannot be read.</summary>
    /// <returns>The keys, or null.</returns>
    public static HashSet<string>? ReadIPv4()
    {
        IntPtr key;
        int rc;
        fixed (char* path = KeyPath)
        {
            rc = Advapi32.RegOpenKeyExW(Advapi32.HKEY_LOCAL_MACHINE, path, 0, Advapi32.KEY_READ, &key);
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        if (rc == Advapi32.ERROR_FILE_NOT_FOUND)
        {
            return result;
        }

        if (rc != 0)
        {
            return null;
        }

        try
        {
            char* name = stackalloc char[512];
            for (uint index = 0; index < 100_000; index++)
            {
                uint length = 512;
                rc = Advapi32.RegEnumValueW(key, index, name, &length, IntPtr.Zero, null, null, null);
                if (rc == Advapi32.ERROR_NO_MORE_ITEMS)
                {
                    break;
                }

                if (rc != 0)
                {
                    // A value name longer than any route could be, or one removed while enumerating: skip it.
                    continue;
                }

                if (WindowsPersistentRouteDecoder.TryParse(new string(name, 0, (int)length), out string routeKey))
                {
                    result.Add(routeKey);
                }
            }
        }
        finally
        {
            Advapi32.RegCloseKey(key);
        }

        return result;
    }
}
