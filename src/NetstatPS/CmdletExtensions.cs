using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetstatPS.Abstractions;

namespace NetstatPS;

/// <summary>What every cmdlet does the same way with a Core result or failure.</summary>
internal static class CmdletExtensions
{
    /// <summary>Writes each warning once, escaped (<see cref="DisplayText"/>): a warning may quote a name or path another user chose.</summary>
    public static void WriteWarnings(this Cmdlet cmdlet, IEnumerable<string> warnings)
    {
        foreach (string w in warnings)
        {
            cmdlet.WriteWarning(DisplayText.Escape(w));
        }
    }

    /// <summary>
    /// The record, with its message escaped (<see cref="DisplayText"/>) when the exception's own
    /// message quotes a control character (a decoder quoting a kernel file, a path): the exception
    /// keeps the raw text for scripts, the console shows the escaped ErrorDetails.
    /// </summary>
    public static ErrorRecord Escaped(this ErrorRecord record)
    {
        string message = record.Exception.Message;
        if (DisplayText.NeedsEscape(message))
        {
            record.ErrorDetails = new ErrorDetails(DisplayText.Escape(message));
        }

        return record;
    }

    /// <summary>Writes a non-terminating ObjectNotFound error per explicit name that matched nothing (as Get-NetAdapter does).</summary>
    public static void WriteNotFound<T>(this Cmdlet cmdlet, QueryResult<T> result, string what, string parameter)
    {
        foreach (string name in result.UnmatchedNames)
        {
            cmdlet.WriteError(new ErrorRecord(
                new ItemNotFoundException($"No {what} found with {parameter} '{DisplayText.Escape(name)}'."),
                ErrorIds.ObjectNotFound,
                ErrorCategory.ObjectNotFound,
                name));
        }
    }

    /// <summary>Writes a non-terminating error per thing the OS refused (ObjectNotFound: a destination without a route).</summary>
    public static void WriteFailures(this Cmdlet cmdlet, IEnumerable<QueryFailure> failures)
    {
        foreach (QueryFailure f in failures)
        {
            cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException(DisplayText.Escape(f.Message)), f.ErrorId, ErrorCategory.ObjectNotFound, f.Target));
        }
    }

    /// <summary>
    /// Runs a Core call, turning an unsupported OS into one clear terminating error and a failure to
    /// read the OS's tables into a terminating ReadFailed error (never a bare .NET exception).
    /// </summary>
    public static T Invoke<T>(this PSCmdlet cmdlet, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (PlatformNotSupportedException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null));
            throw;
        }
        catch (NotSupportedException ex)
        {
            // A query this OS cannot answer (a Linux routing table on Windows): the message names the value.
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.NotSupportedOnThisOS, ErrorCategory.InvalidArgument, null).Escaped());
            throw;
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or NetstatDecodeException)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ReadFailed, ErrorCategory.ReadError, null).Escaped());
            throw;
        }
    }
}
