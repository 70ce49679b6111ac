using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NetstatPS.Abstractions;
using NetstatPS.Readers;

namespace NetstatPS.Completion;

/// <summary>
/// Tab completion for Close-NetConnectionEx's -LocalAddress, -LocalPort, -RemoteAddress and -RemotePort:
/// the values of the TCP connections open now in a closable state, narrowed by the endpoint values
/// already typed (after -LocalPort 5000, -RemotePort offers only the peers of port 5000).
/// </summary>
public sealed class ClosableEndpointCompleter : IArgumentCompleter
{
    private static readonly string[] Endpoints = { "LocalAddress", "LocalPort", "RemoteAddress", "RemotePort" };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<Connection> rows;
        try
        {
            rows = ConnectionReader.Read(new ConnectionQuery
            {
                Protocols = new[] { TransportProtocol.Tcp },
                States = ConnectionCloser.ClosableStates.ToArray(),
                IncludeProcessInfo = false,
            }).Items;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or System.IO.IOException or UnauthorizedAccessException)
        {
            return Array.Empty<CompletionResult>();
        }

        IEnumerable<Connection> narrowed = rows;
        foreach (string other in Endpoints)
        {
            if (!string.Equals(other, parameterName, StringComparison.OrdinalIgnoreCase) && fakeBoundParameters?[other] is object bound)
            {
                string given = Convert.ToString(bound is PSObject p ? p.BaseObject : bound, CultureInfo.InvariantCulture) ?? string.Empty;
                narrowed = narrowed.Where(c => string.Equals(ValueOf(c, other), given, StringComparison.OrdinalIgnoreCase));
            }
        }

        bool port = parameterName.EndsWith("Port", StringComparison.OrdinalIgnoreCase);
        IEnumerable<string> values = narrowed.Select(c => ValueOf(c, parameterName)).Distinct();
        values = port ? values.OrderBy(v => int.Parse(v, CultureInfo.InvariantCulture)) : values.OrderBy(v => v, StringComparer.Ordinal);
        return CompletionMatches.For(values, wordToComplete);
    }

    private static string ValueOf(Connection c, string parameter) => parameter.ToUpperInvariant() switch
    {
        "LOCALADDRESS" => c.LocalAddress ?? string.Empty,
        "LOCALPORT" => c.LocalPort.GetValueOrDefault().ToString(CultureInfo.InvariantCulture),
        "REMOTEADDRESS" => c.RemoteAddress ?? string.Empty,
        _ => c.RemotePort.GetValueOrDefault().ToString(CultureInfo.InvariantCulture),
    };
}
