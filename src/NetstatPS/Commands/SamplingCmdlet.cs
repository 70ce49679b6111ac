using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using NetstatPS.Abstractions;
using NetstatPS.Sampling;

namespace NetstatPS.Commands;

/// <summary>
/// The -Interval/-Count behaviour every statistics cmdlet shares (netstat's interval argument): one
/// sample without -Interval; with it, a sample every Interval seconds, Count times or until Ctrl+C.
/// </summary>
public abstract class SamplingCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private bool sawInput;

    /// <summary>Seconds between samples (netstat's interval; fractions allowed, at least 0.1).</summary>
    [Parameter]
    [ValidateRange(0.1, 86400.0)]
    public double Interval { get; set; }

    /// <summary>Number of samples to take with -Interval; without it, until Ctrl+C.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>Cancelled by Ctrl+C (StopProcessing).</summary>
    protected CancellationToken StopToken => this.stop.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        this.stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// True when the cmdlet sits behind a pipeline that produced no objects (Get-Process nosuch | …).
    /// The cmdlets read the OS once, in EndProcessing, for all piped input; with none piped they must
    /// write nothing rather than fall back to "everything".
    /// </summary>
    protected bool PipedNothing => this.MyInvocation.ExpectingInput && !this.sawInput;

    /// <summary>True when -Interval was given.</summary>
    protected bool IsSampling => this.MyInvocation.BoundParameters.ContainsKey(nameof(this.Interval));

    /// <summary>Takes one sample, or samples repeatedly with -Interval, writing what <paramref name="output"/> makes of each.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="read">Reads one sample.</param>
    /// <param name="output">Turns (previous rows or null, current rows) into the objects to write.</param>
    /// <param name="onFirst">Called once with the first result (not-found errors).</param>
    /// <param name="defaultInterval">The interval when -Interval is not given but repeated sampling is implied (-Watch); null for one sample.</param>
    protected void RunSamples<T>(
        Func<QueryResult<T>> read,
        Func<IReadOnlyList<T>?, IReadOnlyList<T>, IEnumerable<object>> output,
        Action<QueryResult<T>>? onFirst,
        TimeSpan? defaultInterval = null)
    {
        bool hasCount = this.MyInvocation.BoundParameters.ContainsKey(nameof(this.Count));
        bool repeated = this.IsSampling || defaultInterval is not null;
        if (!repeated && hasCount)
        {
            this.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Count needs -Interval: give the seconds between samples, for example -Interval 1 -Count 5."),
                "CountWithoutInterval",
                ErrorCategory.InvalidArgument,
                this.Count));
        }

        TimeSpan interval = this.IsSampling ? TimeSpan.FromSeconds(this.Interval) : defaultInterval ?? TimeSpan.FromDays(1);
        int? count = !repeated ? 1 : hasCount ? this.Count : null;
        IReadOnlyList<T>? previous = null;
        foreach (QueryResult<T> result in SampleLoop.Run(() => this.Invoke(read), interval, count, this.StopToken))
        {
            if (previous is null)
            {
                this.WriteWarnings(result.Warnings);
                foreach (string message in result.Verbose)
                {
                    this.WriteVerbose(message);
                }
                onFirst?.Invoke(result);
            }

            // What the OS refused is a fact of each sample (a route may appear later), so every sample says it.
            this.WriteFailures(result.Failures);

            foreach (object row in output(previous, result.Items))
            {
                this.WriteObject(row);
            }

            previous = result.Items;
        }
    }

    /// <inheritdoc />
    protected sealed override void ProcessRecord()
    {
        this.sawInput = true;
        this.CollectInput();
    }

    /// <summary>Collects this pipeline object's bound values; the OS is read once, in EndProcessing.</summary>
    protected virtual void CollectInput()
    {
    }

    /// <inheritdoc />
    protected override void StopProcessing() => this.stop.Cancel();
}
