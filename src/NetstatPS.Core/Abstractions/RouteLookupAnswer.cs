namespace NetstatPS.Abstractions;

/// <summary>
/// What a route source says about one destination: the OS's chosen route, the OS's refusal (no route),
/// a route outside the tables the query names (no row, no error: a filter), an output interface name
/// that does not exist, or that this OS or process cannot ask at all (then RouteReader falls back to a
/// longest-prefix match over the table it can read).
/// </summary>
internal sealed class RouteLookupAnswer
{
    private RouteLookupAnswer(Route? route, string? refusal, string? unknownInterface, string? unavailable, bool excluded = false)
    {
        this.Excluded = excluded;
        this.Route = route;
        this.Refusal = refusal;
        this.UnknownInterface = unknownInterface;
        this.Unavailable = unavailable;
    }

    /// <summary>The route the OS would use; null unless found.</summary>
    public Route? Route { get; }

    /// <summary>True when the OS's route is in a table the query does not ask for.</summary>
    public bool Excluded { get; }

    /// <summary>Why the OS has no route (its error, in words, naming the destination); null unless refused.</summary>
    public string? Refusal { get; }

    /// <summary>The output interface name that names no interface; null unless so.</summary>
    public string? UnknownInterface { get; }

    /// <summary>Why the OS cannot be asked (netlink refused, the call missing); null when it was asked.</summary>
    public string? Unavailable { get; }

    /// <summary>The OS answered with a route.</summary>
    /// <param name="chosen">The route the OS chose.</param>
    /// <returns>The answer.</returns>
    public static RouteLookupAnswer Found(Route chosen) => new(chosen, null, null, null);

    /// <summary>The OS's route is in a table the query does not ask for.</summary>
    /// <returns>The answer.</returns>
    public static RouteLookupAnswer NotInTables() => new(null, null, null, null, excluded: true);

    /// <summary>The OS has no route, or refuses the lookup.</summary>
    /// <param name="message">The message naming the destination and the OS's reason.</param>
    /// <returns>The answer.</returns>
    public static RouteLookupAnswer Refused(string message) => new(null, message, null, null);

    /// <summary>The output interface name given names no interface; nothing was asked.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The answer.</returns>
    public static RouteLookupAnswer NoSuchInterface(string name) => new(null, null, name, null);

    /// <summary>The OS cannot be asked.</summary>
    /// <param name="reason">Why, for the warning.</param>
    /// <returns>The answer.</returns>
    public static RouteLookupAnswer CannotAsk(string reason) => new(null, null, null, reason);
}
