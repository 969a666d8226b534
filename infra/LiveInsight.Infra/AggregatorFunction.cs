using Amazon.CDK.AWS.IAM;
using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Infra;

/// <summary>
/// The rollup aggregator (ADR 0021): the collector's Native AOT package run with the aggregator's handler, its log
/// group, and a role that can read the tables' streams, read and write the Stats table, and report a lost batch.
/// </summary>
public sealed class AggregatorFunction : Construct
{
    public const string RoleName = "LiveInsight-Aggregator-Role";
    public const int MemorySizeMb = 512;

    /// <summary>
    /// A batch of a thousand records touches a few hundred buckets, written 16 at a time with up to five attempts each;
    /// a minute leaves room for throttling retries, and a timeout only re-drives the batch (the marks make that safe).
    /// </summary>
    public const int TimeoutSeconds = 60;

    public AggregatorFunction(Construct scope, string id, AggregatorFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        StreamedTables = [.. props.Tables.All.Where(table => table.Definition.Stream != StreamView.None)];
        FailureQueue = props.FailureQueue;

        // The stream tables' names tell the handler which stream a record came from (the record names only the ARN).
        var environment = StreamedTables.ToDictionary(table => table.Definition.EnvironmentVariable, table => table.Table.TableName);
        environment[LiveInsightTables.StatsTableVariable] = props.Tables.Stats.Table.TableName;

        (LogGroup, Role, Function) = PackagedFunction.Create(this, props.Package, new PackagedFunctionSpec
        {
            FunctionName = ResourceNames.AggregatorFunctionName,
            Description = "LiveInsight rollups from the Events and Sessions streams (Native AOT, custom runtime).",
            Handler = FunctionHandlers.Aggregator,
            MemorySizeMb = MemorySizeMb,
            TimeoutSeconds = TimeoutSeconds,
            Environment = environment,
            RoleName = RoleName,
            RoleDescription = "LiveInsight aggregator: the Events and Sessions streams, the Stats table, its failure queue and log group.",
            PolicyName = "LiveInsight-Aggregator",
            Statements = logGroup => Statements(props, logGroup),
        });
    }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    /// <summary>The tables whose streams the aggregator reads: every table whose definition keeps one.</summary>
    public IReadOnlyList<SchemaTable> StreamedTables { get; }

    /// <summary>
    /// Where the mappings send the batches they give up on. Lambda sends that message with this function's role, so
    /// the queue is the one the role may send to, and the mappings and the alarm take it from here.
    /// </summary>
    public StreamFailureQueue FailureQueue { get; }

    private PolicyStatement[] Statements(AggregatorFunctionProps props, LogGroup logGroup) =>
    [
        new(new PolicyStatementProps
        {
            Sid = "ReadStreams",
            Effect = Effect.ALLOW,
            Actions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            Resources = [.. StreamedTables.Select(table => table.Table.TableStreamArn!)],
        }),
        new(new PolicyStatementProps
        {
            Sid = "ListStreams",
            Effect = Effect.ALLOW,
            Actions = ["dynamodb:ListStreams"],
            // ListStreams has no resource-level permissions (CDK's own grantStreamRead grants it on "*" too); it returns
            // stream ARNs, never records.
            Resources = ["*"],
        }),
        new(new PolicyStatementProps
        {
            Sid = "ReadAndWriteStats",
            Effect = Effect.ALLOW,
            // Read a bucket, put it back conditioned on its version (ADR 0021): no updates, deletes, scans or indexes.
            Actions = ["dynamodb:GetItem", "dynamodb:PutItem"],
            Resources = [props.Tables.Stats.Table.TableArn],
        }),
        new(new PolicyStatementProps
        {
            Sid = "ReportLostBatches",
            Effect = Effect.ALLOW,
            // Lambda sends the on-failure message with the function's role, whose policy CDK's own grant cannot extend.
            Actions = ["sqs:SendMessage"],
            Resources = [FailureQueue.Queue.QueueArn],
        }),
        PackagedFunction.WriteOwnLogs(logGroup),
    ];
}
