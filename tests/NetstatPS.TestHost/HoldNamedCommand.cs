using System;
using System.Runtime.InteropServices;

namespace NetstatPS.TestHost;

/// <summary>
/// <c>nsps-testhost hold-named HEX SPEC…</c>: renames this process to the bytes HEX spells
/// (prctl(PR_SET_NAME), what any unprivileged user can do: at most 15 bytes, which can be control
/// characters or not valid UTF-8), then does what <c>hold</c> does with the SPECs. The hostile-name
/// tests use it to check that such a name is kept exactly and never reaches the terminal raw.
/// </summary>
internal sealed unsafe class HoldNamedCommand : ITestHostCommand
{
    private const int PR_SET_NAME = 15;

    public string Name => "hold-named";

    public int Run(string[] args)
    {
        byte[] name;
        try
        {
            name = args.Length > 0 ? Convert.FromHexString(args[0]) : Array.Empty<byte>();
        }
        catch (FormatException)
        {
            name = Array.Empty<byte>();
        }

        if (name.Length == 0 || name.Length > 15 || Array.IndexOf(name, (byte)0) >= 0)
        {
            Console.Error.WriteLine("hold-named: give the new name as 1 to 15 non-zero bytes in hex, then the hold specs");
            return 2;
        }

        // Main runs on the thread group leader, whose comm is /proc/PID/comm.
        byte[] terminated = new byte[name.Length + 1];
        name.CopyTo(terminated, 0);
        fixed (byte* p = terminated)
        {
            if (Prctl(PR_SET_NAME, (IntPtr)p, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
            {
                Console.Error.WriteLine($"hold-named: prctl(PR_SET_NAME) failed: errno {Marshal.GetLastWin32Error()}");
                return 1;
            }
        }

        return new HoldCommand().Run(args[1..]);
    }

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, IntPtr arg2, IntPtr arg3, IntPtr arg4, IntPtr arg5);
}
