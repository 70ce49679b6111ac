using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;

namespace NetstatPS.Formatting;

/// <summary>
/// The getters of the hidden *Display code properties (NetstatPS.Types.ps1xml) the views show instead
/// of the raw text another user can choose: each is the raw property escaped by
/// <see cref="DisplayText"/>. One getter serves the live object (read straight from the model, no
/// allocation when nothing needs escaping) and its Deserialized twin (read from the property bag, so
/// remoting and Import-Clixml output is as safe as live output). The raw properties keep the truth;
/// the display properties are not serialized (PropertySerializationSet).
/// </summary>
public static class ConnectionDisplay
{
    /// <summary>The longest command line a view shows; the property holds it whole.</summary>
    public const int CommandLineViewLength = 512;

    /// <summary>ProcessName, escaped (Connection and ConnectionChange).</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? ProcessName(PSObject instance) => DisplayText.Escape(instance.BaseObject switch
    {
        Connection c => c.ProcessName,
        ConnectionChange change => change.ProcessName,
        _ => Raw(instance, nameof(Connection.ProcessName)),
    });

    /// <summary>ProcessPath, escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? ProcessPath(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is Connection c ? c.ProcessPath : Raw(instance, nameof(Connection.ProcessPath)));

    /// <summary>UserName, escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? UserName(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is Connection c ? c.UserName : Raw(instance, nameof(Connection.UserName)));

    /// <summary>Path (a Unix socket's name), escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? Path(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is Connection c ? c.Path : Raw(instance, nameof(Connection.Path)));

    /// <summary>PeerProcessName, escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? PeerProcessName(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is Connection c ? c.PeerProcessName : Raw(instance, nameof(Connection.PeerProcessName)));

    /// <summary>LocalHostName (from reverse DNS, which the address's owner controls), escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? LocalHostName(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is Connection c ? c.LocalHostName : Raw(instance, nameof(Connection.LocalHostName)));

    /// <summary>RemoteHostName, escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? RemoteHostName(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is Connection c ? c.RemoteHostName : Raw(instance, nameof(Connection.RemoteHostName)));

    /// <summary>The owners as "pid/name, pid/name", each name escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show; empty when there are none.</returns>
    public static string Owners(PSObject instance)
    {
        var parts = new List<string>();
        if (instance.BaseObject is Connection c)
        {
            foreach (ProcessOwner owner in c.Owners)
            {
                parts.Add(owner.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + DisplayText.Escape(owner.Name));
            }
        }
        else if (instance.Properties[nameof(Connection.Owners)]?.Value is object bag)
        {
            foreach (object? owner in Unwrap(bag) as IEnumerable ?? new[] { bag })
            {
                PSObject o = PSObject.AsPSObject(owner);
                parts.Add(Raw(o, nameof(ProcessOwner.ProcessId)) + "/" + DisplayText.Escape(Raw(o, nameof(ProcessOwner.Name))));
            }
        }

        return string.Join(", ", parts);
    }

    /// <summary>Service (the owner's systemd unit or Windows service), escaped; null while the row has no such property.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? Service(PSObject instance) => DisplayText.Escape(Raw(instance, "Service"));

    /// <summary>ContainerId, escaped; null while the row has no such property.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? ContainerId(PSObject instance) => DisplayText.Escape(Raw(instance, "ContainerId"));

    /// <summary>CommandLine, escaped and cut to <see cref="CommandLineViewLength"/> characters with an ellipsis; null when the row has none.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? CommandLine(PSObject instance)
    {
        string? raw = Raw(instance, "CommandLine");
        return raw is null ? null : DisplayText.Escape(raw, CommandLineViewLength);
    }

    /// <summary>The text of a property read through PowerShell (the Deserialized property bag, or a later version's property).</summary>
    internal static string? Raw(PSObject instance, string name)
    {
        object? value = Unwrap(instance.Properties[name]?.Value);
        return value switch
        {
            null => null,
            string s => s,
            _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
