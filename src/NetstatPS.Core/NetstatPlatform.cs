using System;
using System.Runtime.InteropServices;
using NetstatPS.Abstractions;
using NetstatPS.Platforms.Linux;
using NetstatPS.Platforms.Windows;

namespace NetstatPS;

/// <summary>
/// The one place the operating system is chosen. Everything else asks <see cref="Current"/> and never
/// checks the OS itself.
/// </summary>
internal static class NetstatPlatform
{
    private static readonly Lazy<INetstatProvider> LazyCurrent = new(Create);

    /// <summary>The provider of the OS this process runs on; throws <see cref="PlatformNotSupportedException"/> on any other OS.</summary>
    public static INetstatProvider Current => LazyCurrent.Value;

    private static INetstatProvider Create()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return new LinuxNetstatProvider();
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return new WindowsNetstatProvider();
        }

        throw new PlatformNotSupportedException(
            $"NetstatPS does not support this operating system yet ({RuntimeInformation.OSDescription}). Supported: Linux, Windows.");
    }
}
