using Amazon.CDK.AWS.APIGateway;
using CfnRoute = Amazon.CDK.AWS.Apigatewayv2.CfnRoute;

namespace LiveInsight.Infra;

/// <summary>
/// The findings of AWS's AwsSolutions and Serverless rule packs that LiveInsight keeps by design, each with its reason,
/// in one place for whoever audits them (docs/adr/0024-aws-rule-packs.md). What could be fixed is fixed where the
/// resource is made; <c>make test-nag</c> fails on any finding that is neither fixed nor acknowledged here, and on any
/// acknowledgment here that no longer matches a finding.
/// </summary>
internal static class RulePackAcknowledgments
{
    private const string NoDeadLetterForSynchronousCalls =
        "Invoked synchronously by API Gateway only: a function's dead-letter queue receives failed asynchronous invocations, " +
        "so it would never receive anything. A failed call is answered 5xx to its caller, and the function's error alarm fires.";

    public static void Apply(LiveInsightStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);

        // --- the collector ---
        const string xRay =
            "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions: '*' is the only resource IAM " +
            "accepts for them. Every other statement of the role names its table, index or log group.";
        NagAcknowledgments.Add(stack.Collector.Role, "AwsSolutions-IAM5", xRay, "Resource::*");
        NagAcknowledgments.Add(stack.Collector.Role, "Serverless-LambdaStarPermissions", xRay);
        NagAcknowledgments.Add(stack.Collector.Function, "Serverless-LambdaDLQ", NoDeadLetterForSynchronousCalls);

        // --- the aggregator and its failure queue ---
        const string listStreams =
            "dynamodb:ListStreams has no resource-level permissions: '*' is the only resource IAM accepts (CDK's own " +
            "grantStreamRead grants it so too). It lists stream ARNs, never records; records are read from the two named streams only.";
        NagAcknowledgments.Add(stack.Aggregator.Role, "AwsSolutions-IAM5", listStreams, "Resource::*");
        NagAcknowledgments.Add(stack.Aggregator.Role, "Serverless-LambdaStarPermissions", listStreams);
        NagAcknowledgments.Add(stack.Aggregator.Function, "Serverless-LambdaDLQ",
            "Invoked by DynamoDB stream event source mappings, which never use a function's dead-letter queue: each mapping has " +
            "an on-failure destination instead (the LiveInsight-Aggregator-Failures queue), and every message there raises an alarm.");
        NagAcknowledgments.Add(stack.Aggregator.Function, "Serverless-LambdaTracing",
            "Invoked by the stream poller, not by a request, so there is no trace to join. Its duration, errors, iterator age and " +
            "lost batches are CloudWatch metrics with alarms (docs/operations.md).");
        const string isTheDeadLetterQueue =
            "This queue is itself the dead-letter destination: the on-failure destination of the aggregator's stream mappings. " +
            "Nothing consumes it (an operator reads it, docs/operations.md), so no receive can fail and a queue behind it would stay empty.";
        NagAcknowledgments.Add(stack.FailureQueue.Queue, "AwsSolutions-SQS3", isTheDeadLetterQueue);
        NagAcknowledgments.Add(stack.FailureQueue.Queue, "Serverless-SQSRedrivePolicy", isTheDeadLetterQueue);

        // --- the stats key ---
        NagAcknowledgments.Add(stack.StatsAuthorizer.Secret, "AwsSolutions-SMG4",
            "Automatic rotation would replace the key under the clients that hold it (scripts, Grafana) with no overlap. The key is " +
            "rotated by hand, old and new valid together until every client has the new one (docs/deploy.md, ADR 0022).");
        NagAcknowledgments.Add(stack.StatsAuthorizer.Function, "Serverless-LambdaDLQ", NoDeadLetterForSynchronousCalls);
        NagAcknowledgments.Add(stack.StatsAuthorizer.Function, "Serverless-LambdaTracing",
            "API Gateway starts no trace for the stage (stage tracing is off, see the stage's APIGWXrayEnabled), so an authorizer " +
            "trace would join nothing. Its errors have an alarm and its duration is a Lambda metric.");

        // --- the visitor keys ---
        NagAcknowledgments.Add(stack.Tables.VisitorKeys.Table, "AwsSolutions-DDB3",
            "Point-in-time recovery would keep every deleted daily visitor key restorable for 35 days, while the keys are deleted " +
            "after two days so that no visitor id can be recomputed (ADR 0020). Losing the table only starts new anonymous ids.");

        switch (stack.Api)
        {
            case CollectorApi rest:
                AcknowledgeRestApi(rest, stack.Waf is not null);
                break;
            case CollectorHttpApi http:
                AcknowledgeHttpApi(http);
                break;
        }
    }

    // Public by design, keyed by the stats key; one reason per RouteAccess. A new kind of access gets no acknowledgment
    // here until someone writes its reason, so the check names its routes.
    private const string PublicRoute =
        "Public by design (RouteAccess.Public): POST /events is called by the tracker in visitors' browsers, which have no " +
        "credentials to send, and the dashboard page holds no data and asks for the stats key. Neither returns stored data.";

    private const string StatsKeyRoute =
        "Guarded by the stats API key, checked by a Lambda REQUEST authorizer (ADR 0022), not Cognito: clients of Plausible's " +
        "Stats API (scripts, Grafana) send a bearer key and have no user to sign in.";

    private const string IamRoute =
        "Authorized by IAM (AWS_IAM, SigV4; RouteAccess.Iam, ADR 0023), not Cognito: a person's export and erasure are " +
        "called by the site's operators with their AWS credentials (make export / make erase), never by end users.";

    private static void AcknowledgeRestApi(CollectorApi api, bool wafAttached)
    {
        NagAcknowledgments.Add(api.Api, "AwsSolutions-APIG2",
            "A request validator would refuse what the function accepts: a bot's request is answered 202 before its body is read, " +
            "malformed or not (ADR 0017), and sendBeacon posts JSON as text/plain. The function validates every body itself (docs/api.md).");

        if (api.Api.Node.TryFindChild("CloudWatchRole") is { } loggingRole)
        {
            NagAcknowledgments.Add(loggingRole, "AwsSolutions-IAM5",
                "The account's one API Gateway logging role writes the execution and access logs of every REST API in this account " +
                "and region, whose log group names it cannot know; the resource is this account's and region's log groups only.",
                "Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*");
        }

        var stage = api.Api.DeploymentStage;
        NagAcknowledgments.Add(stage, "Serverless-APIGWXrayEnabled",
            "Stage tracing is off for privacy: API Gateway's X-Ray segments record each request's client IP and full URL, which " +
            "docs/privacy.md promises are never kept. The function traces its own calls.");
        if (!wafAttached)
        {
            NagAcknowledgments.Add(stage, "AwsSolutions-APIG3",
                "WAF is optional and off by default (-c waf=true attaches one, docs/configuration.md): its monthly fees per web ACL " +
                "and rule (README) can cost more than a small site's collector. Stage throttling applies either way.");
        }

        foreach (var method in api.Api.Methods.Where(method => method.HttpMethod != HttpMethods.Options))
        {
            var access = ApiRoutes.All.Single(route => route.Resource == method.Resource.Path).Access;
            if (access == RouteAccess.Public)
            {
                NagAcknowledgments.Add(method, "AwsSolutions-APIG4", PublicRoute);
                NagAcknowledgments.Add(method, "AwsSolutions-COG4", PublicRoute);
            }
            else if (access == RouteAccess.StatsKey)
            {
                NagAcknowledgments.Add(method, "AwsSolutions-COG4", StatsKeyRoute);
            }
            else if (access == RouteAccess.Iam)
            {
                NagAcknowledgments.Add(method, "AwsSolutions-COG4", IamRoute);
            }
        }
    }

    private static void AcknowledgeHttpApi(CollectorHttpApi api)
    {
        foreach (var route in api.Api.Node.FindAll().OfType<CfnRoute>())
        {
            var path = route.RouteKey.Split(' ', 2)[1];
            if (ApiRoutes.All.Single(candidate => candidate.Resource == path).Access == RouteAccess.Public)
            {
                NagAcknowledgments.Add(route, "AwsSolutions-APIG4", PublicRoute);
            }
        }
    }
}
