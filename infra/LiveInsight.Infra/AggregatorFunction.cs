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

        LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            LogGroupName = $"/aws/lambda/{ResourceNames.AggregatorFunctionName}",
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = RoleName,
            Description = "LiveInsight aggregator: the Events and Sessions streams, the Stats table, its failure queue and log group.",
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["LiveInsight-Aggregator"] = new(new PolicyDocumentProps { Statements = Statements(props) }),
            },
        });

        // The stream tables' names tell the handler which stream a record came from (the record names only the ARN).
        var environment = StreamedTables.ToDictionary(table => table.Definition.EnvironmentVariable, table => table.Table.TableName);
        environment[LiveInsightTables.StatsTableVariable] = props.Tables.Stats.Table.TableName;

        Function = new Function(this, "Function", new FunctionProps
        {
            FunctionName = ResourceNames.AggregatorFunctionName,
            Description = "LiveInsight rollups from the Events and Sessions streams (Native AOT, custom runtime).",
            Runtime = Runtime.PROVIDED_AL2023,
            // provided.al2023 hands this to the process as _HANDLER; the one binary then runs the aggregator.
            Handler = FunctionHandlers.Aggregator,
            Code = props.Code,
            Architecture = props.Architecture,
            MemorySize = MemorySizeMb,
            Timeout = Duration.Seconds(TimeoutSeconds),
            LogGroup = LogGroup,
            Environment = environment,
            // As the collector's: every permission is in the statements below, and CDK's own grants (the event source
            // mappings' on-failure queue) cannot add a second policy behind them.
            Role = Role.WithoutPolicyUpdates(),
        });
    }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    /// <summary>The tables whose streams the aggregator reads: every table whose definition keeps one.</summary>
    public IReadOnlyList<SchemaTable> StreamedTables { get; }

    private PolicyStatement[] Statements(AggregatorFunctionProps props) =>
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
            // Lambda sends the on-failure message with the function's role.
            Actions = ["sqs:SendMessage"],
            Resources = [props.FailureQueue.QueueArn],
        }),
        new(new PolicyStatementProps
        {
            Sid = "WriteOwnLogs",
            Effect = Effect.ALLOW,
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [LogGroup.LogGroupArn],
        }),
    ];
}
