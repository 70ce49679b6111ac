using System;
using System.Runtime.InteropServices;

namespace NetstatPS.Interop.Linux;

/// <summary>struct timeval (sys/time.h): time_t tv_sec and suseconds_t tv_usec, both C long (pointer sized on Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeValue
{
    /// <summary>tv_sec.</summary>
    public IntPtr Seconds;

    /// <summary>tv_usec.</summary>
    public IntPtr Microseconds;
}
