using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.IAM;

namespace LiveInsight.Infra;

/// <summary>
/// The account's API Gateway logging role (<c>apiGatewayCloudWatchRole</c>), with our own policy in place of AWS's managed
/// <c>AmazonAPIGatewayPushToCloudWatchLogs</c>: the same actions, on this account's and region's log groups only, written
/// into the role itself. Inline rather than a separate policy resource: the role is retained on teardown (other APIs of
/// the account may log with it), and a retained role must keep its permissions. The role and its logical id stay RestApi's
/// own, so a deployed stack updates it in place.
/// </summary>
public static class ApiGatewayLoggingRole
{
    public const string PolicyName = "LiveInsight-ApiGatewayLogs";

    /// <summary>The actions of AWS's managed policy, which API Gateway's execution and access logging use.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:DescribeLogGroups",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
    ];

    public static void UseOwnPolicy(RestApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var role = (Role)api.Node.FindChild("CloudWatchRole");
        var cfnRole = (CfnRole)role.Node.DefaultChild!;
        cfnRole.AddPropertyDeletionOverride("ManagedPolicyArns");
        cfnRole.Policies = new object[]
        {
            new CfnRole.PolicyProperty
            {
                PolicyName = PolicyName,
                PolicyDocument = new PolicyDocument(new PolicyDocumentProps
                {
                    Statements =
                    [
                        new PolicyStatement(new PolicyStatementProps
                        {
                            Sid = "WriteApiGatewayLogs",
                            Effect = Effect.ALLOW,
                            Actions = [.. Actions],
                            // Every log group of this account and region: the role is account-wide, and API Gateway names
                            // each API's execution-log group after its id, and access-log groups are chosen per API.
                            Resources = [Stack.Of(api).FormatArn(new ArnComponents
                            {
                                Service = "logs",
                                Resource = "log-group",
                                ResourceName = "*",
                                ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
                            })],
                        }),
                    ],
                }),
            },
        };
    }
}
