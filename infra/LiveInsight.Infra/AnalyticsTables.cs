namespace LiveInsight.Infra;

/// <summary>Props for <see cref="AnalyticsTables"/>.</summary>
public sealed class AnalyticsTablesProps
{
    public required TableCapacity Capacity { get; init; }
}

/// <summary>
/// The tables of <see cref="LiveInsightTables.All"/>, each a <see cref="SchemaTable"/>, and apart from them the
/// <see cref="LiveInsightTables.Stats"/> table of rollups, which the collector only reads (the stats routes).
/// </summary>
public sealed class AnalyticsTables : Construct
{
    public AnalyticsTables(Construct scope, string id, AnalyticsTablesProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        // The construct id is the table name: a retained, named table must keep its logical id for life,
        // and the name is the one thing about it that never changes.
        All = [.. LiveInsightTables.All.Select(definition =>
            new SchemaTable(this, definition.DefaultName, new SchemaTableProps { Definition = definition, Capacity = props.Capacity }))];

        // Always on demand (issue 14): its writes come in bursts, one per stream batch and bucket, which provisioned
        // capacity would either throttle (each throttled bucket re-drives its batch) or pay for while idle.
        Stats = new SchemaTable(this, LiveInsightTables.Stats.DefaultName, new SchemaTableProps
        {
            Definition = LiveInsightTables.Stats,
            Capacity = props.Capacity with { Billing = TableBilling.OnDemand },
        });
    }

    /// <summary>All tables, in the order of <see cref="LiveInsightTables.All"/>.</summary>
    public IReadOnlyList<SchemaTable> All { get; }

    /// <summary>The rollups (ADR 0021): written by the aggregator, read by the stats routes. Not in <see cref="All"/>.</summary>
    public SchemaTable Stats { get; }

    public SchemaTable Events => For(LiveInsightTables.Events);

    public SchemaTable Sessions => For(LiveInsightTables.Sessions);

    public SchemaTable ActiveSessions => For(LiveInsightTables.ActiveSessions);

    public SchemaTable VisitorKeys => For(LiveInsightTables.VisitorKeys);

    /// <summary>The table built from <paramref name="definition"/>.</summary>
    public SchemaTable For(TableDefinition definition) => All.Single(table => table.Definition == definition);
}
