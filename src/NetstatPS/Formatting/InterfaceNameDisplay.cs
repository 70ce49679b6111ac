using System.Management.Automation;

namespace NetstatPS.Formatting;

/// <summary>
/// Getters of the hidden *Display code properties for interface names and descriptions (Route,
/// MulticastMembership, InterfaceStatistic): escaped by <see cref="DisplayText"/>, for live and
/// Deserialized objects alike. These rows are few (tens, not 200k), so unlike Connection's their
/// display properties are simply serialized too.
/// </summary>
public static class InterfaceNameDisplay
{
    /// <summary>The interface's name, escaped: Route.InterfaceName, MulticastMembership.InterfaceName, InterfaceStatistic.Name.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? Name(PSObject instance) => DisplayText.Escape(instance.BaseObject switch
    {
        Route r => r.InterfaceName,
        MulticastMembership m => m.InterfaceName,
        InterfaceStatistic i => i.Name,
        _ => ConnectionDisplay.Raw(instance, nameof(Route.InterfaceName)) ?? ConnectionDisplay.Raw(instance, nameof(InterfaceStatistic.Name)),
    });

    /// <summary>InterfaceStatistic.Description, escaped.</summary>
    /// <param name="instance">The row.</param>
    /// <returns>The text to show.</returns>
    public static string? Description(PSObject instance) =>
        DisplayText.Escape(instance.BaseObject is InterfaceStatistic i ? i.Description : ConnectionDisplay.Raw(instance, nameof(InterfaceStatistic.Description)));
}
