using Amazon.CDK.AWS.IAM;
using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Infra;

/// <summary>
/// The collector Lambda (custom runtime running the Native AOT <c>bootstrap</c>), its log group, and a role
/// that can do exactly what the collector does and nothing else.
/// </summary>
public sealed class CollectorFunction : Construct
{
    public const string RoleName = "LiveInsight-Lambda-Role";
    public const int MemorySizeMb = 512;
    public const int TimeoutSeconds = 30;

    public CollectorFunction(Construct scope, string id, CollectorFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        var environment = props.Tables.All.ToDictionary(
            table => table.Definition.EnvironmentVariable,
            table => table.Table.TableName);
        environment[CollectorEnvironment.StatsTable] = props.Tables.Stats.Table.TableName;
        environment[CollectorEnvironment.AllowedOrigins] = string.Join(',', props.AllowedOrigins);
        environment[CollectorEnvironment.LogLevel] = props.LogLevel;
        // Always stated, empty when unset: the console then shows that any host is accepted.
        environment[CollectorEnvironment.Sites] = string.Join(',', props.Sites);
        environment[CollectorEnvironment.SessionTimeoutMinutes] = props.SessionTimeoutMinutes.ToString(CultureInfo.InvariantCulture);
        // Not deployment settings, but stated anyway: the console then shows every value the function runs with.
        environment[CollectorEnvironment.SessionMaxHours] = CollectorDefaults.SessionMaxHours.ToString(CultureInfo.InvariantCulture);
        environment[CollectorEnvironment.SessionRefreshSeconds] = CollectorDefaults.SessionRefreshSeconds.ToString(CultureInfo.InvariantCulture);

        (LogGroup, Role, Function) = PackagedFunction.Create(this, props.Package, new PackagedFunctionSpec
        {
            FunctionName = ResourceNames.FunctionName,
            Description = "LiveInsight event collector (Native AOT, custom runtime).",
            Handler = "bootstrap",
            MemorySizeMb = MemorySizeMb,
            TimeoutSeconds = TimeoutSeconds,
            Tracing = Tracing.ACTIVE,
            Environment = environment,
            RoleName = RoleName,
            RoleDescription = "LiveInsight collector: its four tables, reads of the Stats table, its own log group, X-Ray.",
            PolicyName = "LiveInsight-Collector",
            Statements = logGroup => Statements(props.Tables, logGroup),
        });
    }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    private static List<PolicyStatement> Statements(AnalyticsTables tables, LogGroup logGroup)
    {
        var statements = new List<PolicyStatement>();
        foreach (var table in tables.All.Append(tables.Stats))
        {
            var access = CollectorTableAccess.For(table.Definition);
            var resources = new List<string> { table.Table.TableArn };
            if (access.IncludeIndexes)
            {
                // Each index by name, not "index/*": an index added later gets no access until it is granted.
                resources.AddRange(table.Definition.GlobalIndexes.Select(index => $"{table.Table.TableArn}/index/{index.Name}"));
            }

            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = access.StatementId,
                Effect = Effect.ALLOW,
                Actions = [.. access.Actions],
                Resources = [.. resources],
            }));
        }

        statements.AddRange(UserDataAccess.Statements(tables));
        statements.Add(PackagedFunction.WriteOwnLogs(logGroup));

        statements.Add(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PublishTraces",
            Effect = Effect.ALLOW,
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            // X-Ray has no resource-level permissions for these actions: "*" is the only valid resource.
            Resources = ["*"],
        }));

        return statements;
    }
}
