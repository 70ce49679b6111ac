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

    /// <summary>Takes one sample, or samples repeatedly with -Interval, writing each result's rows.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="read">Reads one sample.</param>
    /// <param name="beforeWrite">Called with the previous and current rows before writing (deltas).</param>
    /// <param name="onFirst">Called once with the first result (not-found errors).</param>
    protected void RunSamples<T>(Func<QueryResult<T>> read, Action<IReadOnlyList<T>, IReadOnlyList<T>>? beforeWrite, Action<QueryResult<T>>? onFirst)
    {
        bool sampling = this.MyInvocation.BoundParameters.ContainsKey(nameof(this.Interval));
        if (!sampling && this.MyInvocation.BoundParameters.ContainsKey(nameof(this.Count)))
        {
            this.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-Count needs -Interval: give the seconds between samples, for example -Interval 1 -Count 5."),
                "CountWithoutInterval",
                ErrorCategory.InvalidArgument,
                this.Count));
        }

        TimeSpan interval = sampling ? TimeSpan.FromSeconds(this.Interval) : TimeSpan.FromDays(1);
        int? count = !sampling ? 1 : this.MyInvocation.BoundParameters.ContainsKey(nameof(this.Count)) ? this.Count : null;
        IReadOnlyList<T>? previous = null;
        foreach (QueryResult<T> result in SampleLoop.Run(() => this.Invoke(read), interval, count, this.StopToken))
        {
            if (previous is null)
            {
                this.WriteWarnings(result.Warnings);
                onFirst?.Invoke(result);
            }
            else
            {
                beforeWrite?.Invoke(previous, result.Items);
            }

            foreach (T row in result.Items)
            {
                this.WriteObject(row);
            }

            previous = result.Items;
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => this.stop.Cancel();
}
