using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace NetstatPS.WindowsPowerShellHost;

/// <summary>
/// Runs one script file the way <c>pwsh -NonInteractive -File</c> does, in a runspace over
/// <see cref="InitialSessionState.CreateDefault2"/> with <see cref="StreamHost"/> as its host, and
/// turns the outcome into an exit code.
/// </summary>
public static class ScriptRunner
{
    /// <summary>
    /// Runs the script. Returns the script's <c>exit</c> code (read back from $LASTEXITCODE, which
    /// <c>exit N</c> in a script file sets; a native command the script ran last also sets it), or 1
    /// when a terminating error escaped the script.
    /// </summary>
    public static int Run(HostArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var host = new StreamHost(arguments.Width);
        InitialSessionState state = InitialSessionState.CreateDefault2();

        // The engine's default on Windows is Restricted for a host without a powershell.config.json
        // saying otherwise; this host exists to run test scripts.
        state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using Runspace runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = runspace;

        // Out-String without -Width sizes its text to System.Console's window width (120 when there is
        // no console, as under Wine), not to the host's RawUI. Give it the RawUI width, which is what
        // a console pwsh of that size renders at; an explicit -Width still wins.
        shell.AddScript("$global:PSDefaultParameterValues['Out-String:Width'] = $Host.UI.RawUI.BufferSize.Width").Invoke();
        shell.Commands.Clear();

        // Out-Default renders objects through the host's UI as a console would; errors are merged
        // into the output so non-terminating ones are rendered there too (on stderr, see
        // StreamHostUserInterface). Warning, verbose, debug and Write-Host/information records reach
        // the host's UI directly from the engine according to their preference variables.
        shell.AddScript(BuildCommand(arguments));
        shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        shell.AddCommand("Out-Default");
        try
        {
            shell.Invoke();
        }
        catch (RuntimeException e)
        {
            host.UserInterface.WriteErrorLine(Describe(e));
            return 1;
        }

        if (host.ExitCode is int requested)
        {
            return requested;
        }

        return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code ? code : 0;
    }

    /// <summary>
    /// <c>$global:LASTEXITCODE = 0; &amp; 'script' args</c>. Arguments that look like parameter
    /// names (<c>-Name</c>, <c>-Name:</c>) are passed as such so the script's parameters bind by
    /// name as with <c>pwsh -File</c>; every other argument is a single-quoted string literal.
    /// </summary>
    private static string BuildCommand(HostArguments arguments)
    {
        var text = new StringBuilder("$global:LASTEXITCODE = 0; & ");
        text.Append(Quote(arguments.ScriptPath));
        foreach (string argument in arguments.ScriptArguments)
        {
            text.Append(' ').Append(IsParameterName(argument) ? argument : Quote(argument));
        }

        return text.ToString();
    }

    private static bool IsParameterName(string argument)
    {
        if (argument.Length < 2 || argument[0] != '-' || !char.IsLetter(argument[1]))
        {
            return false;
        }

        for (int i = 2; i < argument.Length; i++)
        {
            char c = argument[i];
            bool last = i == argument.Length - 1;
            if (!(char.IsLetterOrDigit(c) || c == '_' || (last && c == ':')))
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Describe(RuntimeException e)
    {
        var text = new StringBuilder(e.Message);
        ErrorRecord? record = e.ErrorRecord;
        if (record?.InvocationInfo?.PositionMessage is { Length: > 0 } position)
        {
            text.AppendLine().Append(position);
        }

        if (record?.ScriptStackTrace is { Length: > 0 } stack)
        {
            text.AppendLine().Append(stack);
        }

        text.AppendLine().Append(string.Format(CultureInfo.InvariantCulture, "({0}: {1})", e.GetType().FullName, record?.FullyQualifiedErrorId));
        return text.ToString();
    }
}
