using Amazon.CDK.AWS.IAM;

namespace LiveInsight.Infra;

/// <summary>What one function is, beyond the package, architecture and log retention it shares with the others.</summary>
public sealed class PackagedFunctionSpec
{
    public required string FunctionName { get; init; }

    public required string Description { get; init; }

    /// <summary>provided.al2023 hands this to the process as <c>_HANDLER</c>; the one binary runs what it names.</summary>
    public required string Handler { get; init; }

    public required int MemorySizeMb { get; init; }

    public required int TimeoutSeconds { get; init; }

    public required IDictionary<string, string> Environment { get; init; }

    public Tracing? Tracing { get; init; }

    public required string RoleName { get; init; }

    public required string RoleDescription { get; init; }

    /// <summary>The name of the role's one inline policy.</summary>
    public required string PolicyName { get; init; }

    /// <summary>
    /// Every statement of the role, in order, given the function's log group: include <see cref="PackagedFunction.WriteOwnLogs"/>
    /// where it belongs.
    /// </summary>
    public required Func<LogGroup, IEnumerable<PolicyStatement>> Statements { get; init; }
}

/// <summary>
/// How every LiveInsight Lambda is made: its own log group, a role that can do exactly what its statements say, and
/// the function from the shared package on <c>provided.al2023</c>. The three are created directly in the owner's scope
/// with the ids <c>LogGroup</c>, <c>Role</c> and <c>Function</c>, so their logical ids are the owner's own (a new
/// construct level would rename them, and CloudFormation would replace the named log group and role).
/// </summary>
public sealed record PackagedFunction(LogGroup LogGroup, Role Role, Function Function)
{
    public static PackagedFunction Create(Construct scope, PackagedFunctionProps package, PackagedFunctionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(spec);

        // Created here rather than left to Lambda, so it has a retention and the role can be scoped to it.
        var logGroup = new LogGroup(scope, "LogGroup", new LogGroupProps
        {
            LogGroupName = $"/aws/lambda/{spec.FunctionName}",
            Retention = package.LogRetention,
            // Logs are not the record of truth (the tables are); a redeploy after teardown must not collide.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var role = new Role(scope, "Role", new RoleProps
        {
            RoleName = spec.RoleName,
            Description = spec.RoleDescription,
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                [spec.PolicyName] = new(new PolicyDocumentProps { Statements = [.. spec.Statements(logGroup)] }),
            },
        });

        var function = new Function(scope, "Function", new FunctionProps
        {
            FunctionName = spec.FunctionName,
            Description = spec.Description,
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = spec.Handler,
            Code = package.Code,
            Architecture = package.Architecture,
            MemorySize = spec.MemorySizeMb,
            Timeout = Duration.Seconds(spec.TimeoutSeconds),
            Tracing = spec.Tracing,
            LogGroup = logGroup,
            Environment = spec.Environment,
            // Immutable from here on: CDK would otherwise append its own grants (X-Ray, an event source mapping's
            // on-failure queue) to a second policy. Everything the function may do is in its statements, reviewed in one place.
            Role = role.WithoutPolicyUpdates(),
        });

        return new PackagedFunction(logGroup, role, function);
    }

    /// <summary>Writing to the function's own log group, and no other.</summary>
    public static PolicyStatement WriteOwnLogs(LogGroup logGroup)
    {
        ArgumentNullException.ThrowIfNull(logGroup);
        return new(new PolicyStatementProps
        {
            Sid = "WriteOwnLogs",
            Effect = Effect.ALLOW,
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            // The log group's ARN attribute ends in ":*", which covers its log streams.
            Resources = [logGroup.LogGroupArn],
        });
    }
}
