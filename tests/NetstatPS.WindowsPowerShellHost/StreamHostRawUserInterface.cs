using System;
using System.Management.Automation.Host;

namespace NetstatPS.WindowsPowerShellHost;

/// <summary>
/// A console that is not there: it reports a fixed buffer and window <c>width</c> columns wide (the
/// formatter sizes tables and Out-String to it, so tests can render at 80 and 120 columns), keeps
/// colours, cursor and title as plain settable values, and has no keyboard and no screen buffer.
/// </summary>
public sealed class StreamHostRawUserInterface : PSHostRawUserInterface
{
    private const int Height = 50;

    /// <summary>Creates the raw UI <paramref name="width"/> columns wide.</summary>
    public StreamHostRawUserInterface(int width)
    {
        this.BufferSize = new Size(width, 9999);
        this.WindowSize = new Size(width, Height);
    }

    /// <inheritdoc/>
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    /// <inheritdoc/>
    public override Size BufferSize { get; set; }

    /// <inheritdoc/>
    public override Coordinates CursorPosition { get; set; }

    /// <inheritdoc/>
    public override int CursorSize { get; set; } = 25;

    /// <inheritdoc/>
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    /// <inheritdoc/>
    public override bool KeyAvailable => false;

    /// <inheritdoc/>
    public override Size MaxPhysicalWindowSize => this.WindowSize;

    /// <inheritdoc/>
    public override Size MaxWindowSize => this.WindowSize;

    /// <inheritdoc/>
    public override Coordinates WindowPosition { get; set; }

    /// <inheritdoc/>
    public override Size WindowSize { get; set; }

    /// <inheritdoc/>
    public override string WindowTitle { get; set; } = "nsps-pwsh";

    /// <inheritdoc/>
    public override void FlushInputBuffer()
    {
        // No keyboard, nothing buffered.
    }

    /// <inheritdoc/>
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("nsps-pwsh has no screen buffer");

    /// <inheritdoc/>
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("nsps-pwsh is non-interactive: no keyboard");

    /// <inheritdoc/>
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
        // No screen buffer to scroll.
    }

    /// <inheritdoc/>
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
        // No screen buffer to draw on.
    }

    /// <inheritdoc/>
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
        // No screen buffer to fill.
    }
}
