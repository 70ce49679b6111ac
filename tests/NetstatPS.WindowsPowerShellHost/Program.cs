using System;
using System.Management.Automation.Host;
using Microsoft.PowerShell;

namespace NetstatPS.WindowsPowerShellHost;

/// <summary>
/// Entry point of nsps-pwsh. Two ways in:
/// <list type="bullet">
/// <item><c>nsps-pwsh [-Width N] -File script.ps1 [args]</c>: runs the script in a runspace of its own
/// small host (<see cref="ScriptRunner"/>), which needs no console — under Wine there is no tty, and
/// the SDK's console host wants one for its UI — and whose RawUI width the formatter honours.</item>
/// <item>anything else goes to the SDK's console host unchanged. Start-Job starts
/// <c>$PSHOME\pwsh.exe -s -NoLogo -NoProfile</c> and talks to it over stdin/stdout; the runner puts a
/// copy of this program under that name, so the job's child lands here in server mode.</item>
/// </list>
/// </summary>
public static class Program
{
    /// <summary>Runs the command line; the return value is the process exit code.</summary>
    [STAThread]
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        HostArguments? parsed;
        try
        {
            parsed = HostArguments.Parse(args, Environment.GetEnvironmentVariable(HostArguments.WidthVariable));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("nsps-pwsh: " + e.Message);
            Console.Error.WriteLine(HostArguments.Usage);
            return 64;
        }

        if (parsed is null)
        {
            try
            {
                return ConsoleShell.Start(bannerText: null, helpText: null, args);
            }
            catch (HostException e)
            {
                // Without a console (Wine with redirected handles) only the server mode works: the
                // interactive and -Command paths ask for the console's output buffer and fail here.
                Console.Error.WriteLine("nsps-pwsh: the PowerShell console host could not start: " + e.Message);
                Console.Error.WriteLine(HostArguments.Usage);
                return 70;
            }
        }

        return ScriptRunner.Run(parsed);
    }
}
