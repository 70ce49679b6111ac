using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetstatPS.WindowsPowerShellHost;

/// <summary>
/// The command line of the script mode: <c>[-Width N] -File script.ps1 [script arguments]</c>.
/// Everything after the script path belongs to the script, as with <c>pwsh -File</c>.
/// </summary>
public sealed class HostArguments
{
    /// <summary>Environment variable with the default RawUI buffer width (columns).</summary>
    public const string WidthVariable = "NSPS_PWSH_WIDTH";

    /// <summary>The width when neither -Width nor <see cref="WidthVariable"/> says otherwise.</summary>
    public const int DefaultWidth = 120;

    /// <summary>One-line usage for errors.</summary>
    public const string Usage = "usage: nsps-pwsh [-Width N] -File script.ps1 [args]   (any other command line goes to the PowerShell console host)";

    private HostArguments(string scriptPath, IReadOnlyList<string> scriptArguments, int width)
    {
        this.ScriptPath = scriptPath;
        this.ScriptArguments = scriptArguments;
        this.Width = width;
    }

    /// <summary>The script to run.</summary>
    public string ScriptPath { get; }

    /// <summary>The arguments after the script path, verbatim.</summary>
    public IReadOnlyList<string> ScriptArguments { get; }

    /// <summary>The width the host's RawUI reports as BufferSize.Width and WindowSize.Width.</summary>
    public int Width { get; }

    /// <summary>
    /// Parses the script mode's command line; null when the command line is not script mode (the
    /// caller hands it to the console host). Throws <see cref="ArgumentException"/> for a script-mode
    /// command line that is malformed.
    /// </summary>
    public static HostArguments? Parse(IReadOnlyList<string> args, string? widthFromEnvironment)
    {
        ArgumentNullException.ThrowIfNull(args);
        int width = DefaultWidth;
        if (!string.IsNullOrEmpty(widthFromEnvironment))
        {
            width = ParseWidth(widthFromEnvironment, WidthVariable);
        }

        int i = 0;
        if (args.Count > 1 && IsSwitch(args[0], "-Width"))
        {
            width = ParseWidth(args[1], "-Width");
            i = 2;
        }

        if (i >= args.Count || !IsSwitch(args[i], "-File"))
        {
            if (i > 0)
            {
                throw new ArgumentException("-Width must be followed by -File script.ps1");
            }

            return null;
        }

        if (i + 1 >= args.Count)
        {
            throw new ArgumentException("-File needs a script path");
        }

        var rest = new List<string>();
        for (int j = i + 2; j < args.Count; j++)
        {
            rest.Add(args[j]);
        }

        return new HostArguments(args[i + 1], rest, width);
    }

    private static bool IsSwitch(string arg, string name) =>
        string.Equals(arg, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(arg, "-" + name, StringComparison.OrdinalIgnoreCase)
        || (name.Length > 1 && string.Equals(arg, "/" + name.Substring(1), StringComparison.OrdinalIgnoreCase));

    private static int ParseWidth(string text, string source)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 20 || width > 10000)
        {
            throw new ArgumentException($"{source} '{text}' is not a width between 20 and 10000 columns");
        }

        return width;
    }
}
