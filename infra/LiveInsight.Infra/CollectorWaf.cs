using Amazon.CDK.AWS.WAFv2;

namespace LiveInsight.Infra;

/// <summary>
/// The optional AWS WAF web ACL on the REST API's stage (<c>-c waf=true</c>; HTTP APIs cannot take one). Three rules,
/// chosen for a JSON ingestion API (docs/adr/0024-aws-rule-packs.md): a per-IP rate limit, AWS's IP reputation list and
/// its known-bad-inputs group. Not AWS's Core rule set: its <c>SizeRestrictions_BODY</c> rule blocks bodies over 8 KB,
/// and a tracker batch may be up to 512 KB; its cross-site-scripting and SQL rules would read page URLs and referrers
/// that visitors' own browsers send. Everything the ACL does not block is allowed.
/// </summary>
public sealed class CollectorWaf : Construct
{
    public const string WebAclName = "LiveInsight-API";

    /// <summary>The AWS managed rule groups, in the order they are evaluated (after the rate limit).</summary>
    public static IReadOnlyList<string> ManagedRuleGroups { get; } =
    [
        // Addresses Amazon's threat intelligence has seen sending attacks or scanning: nothing a visitor's browser is.
        "AWSManagedRulesAmazonIpReputationList",
        // Request patterns of known exploits (Log4j lookups, Java deserialization, path traversal): never in an event.
        "AWSManagedRulesKnownBadInputsRuleSet",
    ];

    public CollectorWaf(Construct scope, string id, CollectorWafProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        var rules = new List<CfnWebACL.RuleProperty>
        {
            new()
            {
                Name = "RateLimitPerIp",
                Priority = 0,
                Statement = new CfnWebACL.StatementProperty
                {
                    RateBasedStatement = new CfnWebACL.RateBasedStatementProperty
                    {
                        // Requests per IP address in any 5 minutes, the address being the client's as API Gateway sees it.
                        Limit = props.RateLimitPerFiveMinutes,
                        AggregateKeyType = "IP",
                    },
                },
                Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
                VisibilityConfig = Visibility("RateLimitPerIp"),
            },
        };
        rules.AddRange(ManagedRuleGroups.Select((group, index) => new CfnWebACL.RuleProperty
        {
            Name = group,
            Priority = index + 1,
            Statement = new CfnWebACL.StatementProperty
            {
                ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty { VendorName = "AWS", Name = group },
            },
            // The group's own actions (block) apply; "none" means no override.
            OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
            VisibilityConfig = Visibility(group),
        }));

        WebAcl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Name = WebAclName,
            Description = "LiveInsight collector API: per-IP rate limit, AWS IP reputation and known bad inputs.",
            Scope = "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            VisibilityConfig = Visibility(WebAclName),
            Rules = rules.ToArray(),
        });

        _ = new CfnWebACLAssociation(this, "Association", new CfnWebACLAssociationProps
        {
            // The stage's ARN; its name is a reference to the stage, so the association waits for it.
            ResourceArn = $"arn:{Aws.PARTITION}:apigateway:{Aws.REGION}::/restapis/{props.Stage.RestApi.RestApiId}/stages/{props.Stage.StageName}",
            WebAclArn = WebAcl.AttrArn,
        });
    }

    public CfnWebACL WebAcl { get; }

    // Metrics per rule; no sampled requests: WAF would keep each sampled request's client IP and headers for three
    // hours, and docs/privacy.md promises that no visitor's IP is kept anywhere.
    private static CfnWebACL.VisibilityConfigProperty Visibility(string metricName) => new()
    {
        CloudWatchMetricsEnabled = true,
        MetricName = metricName,
        SampledRequestsEnabled = false,
    };
}
