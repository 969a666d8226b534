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

        // Created here rather than left to Lambda, so it has a retention and the role can be scoped to it.
        LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            LogGroupName = $"/aws/lambda/{ResourceNames.FunctionName}",
            Retention = props.LogRetention,
            // Logs are not the record of truth (the tables are); a redeploy after teardown must not collide.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = RoleName,
            Description = "LiveInsight collector: its four tables, reads of the Stats table, its own log group, X-Ray.",
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["LiveInsight-Collector"] = new(new PolicyDocumentProps { Statements = Statements(props.Tables) }),
            },
        });

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

        Function = new Function(this, "Function", new FunctionProps
        {
            FunctionName = ResourceNames.FunctionName,
            Description = "LiveInsight event collector (Native AOT, custom runtime).",
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = props.Code,
            Architecture = props.Architecture,
            MemorySize = MemorySizeMb,
            Timeout = Duration.Seconds(TimeoutSeconds),
            Tracing = Tracing.ACTIVE,
            LogGroup = LogGroup,
            Environment = environment,
            // Immutable from here on: CDK would otherwise append its own grants (X-Ray) to a second policy.
            // Everything the function may do is in the statements above, reviewed in one place.
            Role = Role.WithoutPolicyUpdates(),
        });
    }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    private PolicyStatement[] Statements(AnalyticsTables tables)
    {
        var statements = new List<PolicyStatement>();
        foreach (var table in tables.All.Append(tables.Stats))
        {
            var access = CollectorTableAccess.For(table.Definition);
            var resources = new List<string> { table.Table.TableArn };
            if (access.IncludeIndexes)
            {
                resources.Add($"{table.Table.TableArn}/index/*");
            }

            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = access.StatementId,
                Effect = Effect.ALLOW,
                Actions = [.. access.Actions],
                Resources = [.. resources],
            }));
        }

        statements.Add(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteOwnLogs",
            Effect = Effect.ALLOW,
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            // The log group's ARN attribute ends in ":*", which covers its log streams.
            Resources = [LogGroup.LogGroupArn],
        }));

        statements.Add(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PublishTraces",
            Effect = Effect.ALLOW,
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            // X-Ray has no resource-level permissions for these actions: "*" is the only valid resource.
            Resources = ["*"],
        }));

        return [.. statements];
    }
}
