using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace NetstatPS.WindowsPowerShellHost;

/// <summary>
/// The host's UI: output, Write-Host/information, warning, verbose and debug lines go to stdout,
/// error lines to stderr, as pwsh does when its output is redirected. Both are UTF-8 writers over
/// the raw standard handles (under Wine there is no console whose code page could be asked), flushed
/// on every write so a hung run still shows how far it got. Colours are dropped. Anything that would
/// wait for a person (Read-Host, prompts, credentials) fails with a clear error.
/// </summary>
public sealed class StreamHostUserInterface : PSHostUserInterface, IDisposable
{
    private readonly object gate = new();
    private readonly StreamWriter stdout;
    private readonly StreamWriter stderr;
    private readonly StreamHostRawUserInterface raw;

    /// <summary>Creates the UI with a RawUI that is <paramref name="width"/> columns wide.</summary>
    public StreamHostUserInterface(int width)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        this.stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true };
        this.stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        this.raw = new StreamHostRawUserInterface(width);
    }

    /// <inheritdoc/>
    public override PSHostRawUserInterface RawUI => this.raw;

    /// <inheritdoc/>
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw NonInteractive("prompt for input");

    /// <inheritdoc/>
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw NonInteractive("prompt for a choice");

    /// <inheritdoc/>
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw NonInteractive("prompt for a credential");

    /// <inheritdoc/>
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw NonInteractive("prompt for a credential");

    /// <inheritdoc/>
    public override string ReadLine() => throw NonInteractive("read a line");

    /// <inheritdoc/>
    public override SecureString ReadLineAsSecureString() => throw NonInteractive("read a secure string");

    /// <inheritdoc/>
    public override void Write(string value) => this.Out(this.stdout, value, newLine: false);

    /// <inheritdoc/>
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => this.Out(this.stdout, value, newLine: false);

    /// <inheritdoc/>
    public override void WriteLine(string value) => this.Out(this.stdout, value, newLine: true);

    /// <inheritdoc/>
    public override void WriteDebugLine(string message) => this.Out(this.stdout, "DEBUG: " + message, newLine: true);

    /// <inheritdoc/>
    public override void WriteErrorLine(string value) => this.Out(this.stderr, value, newLine: true);

    /// <inheritdoc/>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        // Progress bars need a redrawable console; a log file is better off without them.
    }

    /// <inheritdoc/>
    public override void WriteVerboseLine(string message) => this.Out(this.stdout, "VERBOSE: " + message, newLine: true);

    /// <inheritdoc/>
    public override void WriteWarningLine(string message) => this.Out(this.stdout, "WARNING: " + message, newLine: true);

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (this.gate)
        {
            this.stdout.Dispose();
            this.stderr.Dispose();
        }
    }

    private static PSInvalidOperationException NonInteractive(string what) =>
        new($"nsps-pwsh is non-interactive: it cannot {what}.");

    private void Out(StreamWriter writer, string? value, bool newLine)
    {
        lock (this.gate)
        {
            writer.Write(value);
            if (newLine)
            {
                writer.Write('\n');
            }
        }
    }
}
