using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace NetstatPS.WindowsPowerShellHost;

/// <summary>
/// A minimal non-interactive PSHost: everything the engine shows goes to stdout/stderr through
/// <see cref="StreamHostUserInterface"/>, and <c>exit</c> at the top level is recorded for
/// <see cref="ScriptRunner"/>. Nested prompts are not supported (there is nobody to type).
/// </summary>
public sealed class StreamHost : PSHost, IDisposable
{
    private readonly StreamHostUserInterface ui;

    /// <summary>Creates the host with a RawUI that is <paramref name="width"/> columns wide.</summary>
    public StreamHost(int width)
    {
        this.ui = new StreamHostUserInterface(width);
    }

    /// <summary>The exit code of a top-level <c>exit</c>, if one ran.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The UI, typed, for the runner's own error messages.</summary>
    public StreamHostUserInterface UserInterface => this.ui;

    /// <inheritdoc/>
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    /// <inheritdoc/>
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <inheritdoc/>
    public override Guid InstanceId { get; } = Guid.NewGuid();

    /// <inheritdoc/>
    public override string Name => "nsps-pwsh";

    /// <inheritdoc/>
    public override PSHostUserInterface UI => this.ui;

    /// <summary>
    /// The engine's version, as pwsh's own console host reports it: PSResourceGet takes a host
    /// version below 6 for Windows PowerShell and would install into Documents\WindowsPowerShell.
    /// </summary>
    public override Version Version { get; } = typeof(System.Management.Automation.PSObject).Assembly.GetName().Version ?? new Version(7, 0);

    /// <inheritdoc/>
    public override void EnterNestedPrompt() => throw new NotSupportedException("nsps-pwsh is non-interactive: no nested prompt");

    /// <inheritdoc/>
    public override void ExitNestedPrompt() => throw new NotSupportedException("nsps-pwsh is non-interactive: no nested prompt");

    /// <inheritdoc/>
    public override void NotifyBeginApplication()
    {
        // Nothing to save: the host owns no console state.
    }

    /// <inheritdoc/>
    public override void NotifyEndApplication()
    {
        // Nothing to restore.
    }

    /// <inheritdoc/>
    public override void SetShouldExit(int exitCode) => this.ExitCode = exitCode;

    /// <inheritdoc/>
    public void Dispose() => this.ui.Dispose();
}
