namespace NetstatPS;

/// <summary>A routing table's name and number (Linux: from /etc/iproute2/rt_tables and rt_tables.d).</summary>
public sealed class RouteTableName
{
    /// <summary>Creates a name.</summary>
    /// <param name="id">The table number.</param>
    /// <param name="name">The name.</param>
    public RouteTableName(long id, string name)
    {
        this.Id = id;
        this.Name = name;
    }

    /// <summary>The table number.</summary>
    public long Id { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => $"{this.Id} {this.Name}";
}
