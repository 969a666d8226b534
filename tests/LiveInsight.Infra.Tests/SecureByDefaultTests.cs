namespace LiveInsight.Infra.Tests;

/// <summary>What AWS's rule packs asked for and the stack now does itself (docs/adr/0024-aws-rule-packs.md).</summary>
public sealed class SecureByDefaultTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void AlarmTopic_RefusesPublishersWithoutTls_AndLetsOnlyThisAccountsAlarmsPublish()
    {
        var statements = stack.Resources("AWS::SNS::TopicPolicy").Single().Resource["Properties"]!["PolicyDocument"]!["Statement"]!.Cast<JObject>().ToList();

        var deny = statements.Single(statement => (string?)statement["Effect"] == "Deny");
        Assert.Equal("sns:Publish", (string?)deny["Action"]);
        Assert.Equal("*", (string?)deny["Principal"]);
        Assert.Equal("false", (string?)deny["Condition"]!["Bool"]!["aws:SecureTransport"]);
        var allow = statements.Single(statement => (string?)statement["Effect"] == "Allow");
        Assert.Equal("cloudwatch.amazonaws.com", (string?)allow["Principal"]!["Service"]);
        Assert.Equal("AWS::AccountId", (string?)allow["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]);
    }

    [Fact]
    public void Stage_LogsExecutionErrorsOnly_WithoutBodies_IntoAGroupWithRetention()
    {
        var stage = stack.Resources("AWS::ApiGateway::Stage").Single().Resource;
        var setting = stage["Properties"]!["MethodSettings"]!.Single();
        var group = stack.Resources("AWS::Logs::LogGroup")
            .Single(logGroup => logGroup.Resource["Properties"]!["LogGroupName"]!.ToString().Contains("API-Gateway-Execution-Logs_", StringComparison.Ordinal));

        Assert.Equal(("*", "/*"), ((string?)setting["HttpMethod"], (string?)setting["ResourcePath"]));
        Assert.Equal("ERROR", (string?)setting["LoggingLevel"]);
        Assert.False((bool)setting["DataTraceEnabled"]!);
        Assert.Equal(30, (int?)group.Resource["Properties"]!["RetentionInDays"]);
        Assert.Contains(group.LogicalId, stage["DependsOn"]!.Values<string>());
    }

    [Fact]
    public void AccountLoggingRole_HasItsOwnPolicy_NotAwsManagedOne_AndIsStillRetained()
    {
        var role = stack.Resources("AWS::IAM::Role")
            .Single(candidate => candidate.Resource["Properties"]!["AssumeRolePolicyDocument"]!.ToString().Contains("apigateway.amazonaws.com", StringComparison.Ordinal))
            .Resource;
        var policy = role["Properties"]!["Policies"]!.Single();

        Assert.Null(role["Properties"]!["ManagedPolicyArns"]);
        Assert.Equal(ApiGatewayLoggingRole.PolicyName, (string?)policy["PolicyName"]);
        Assert.Equal(ApiGatewayLoggingRole.Actions, policy["PolicyDocument"]!["Statement"]!.Single()["Action"]!.Values<string>());
        Assert.EndsWith(":log-group:*", policy["PolicyDocument"]!["Statement"]!.Single()["Resource"]!.ToString(Newtonsoft.Json.Formatting.None).TrimEnd('"', ']', '}', ']'), StringComparison.Ordinal);
        Assert.Equal("Retain", (string?)role["DeletionPolicy"]);
    }

    [Fact]
    public void NoWebAcl_ByDefault()
    {
        stack.Template.ResourceCountIs("AWS::WAFv2::WebACL", 0);
        stack.Template.ResourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
    }
}

/// <summary>The stack with <c>-c waf=true -c wafRateLimit=5000</c>.</summary>
public sealed class WafTests(WafStack stack) : IClassFixture<WafStack>
{
    [Fact]
    public void WebAcl_IsRegional_AllowsByDefault_AndKeepsNoSampledRequests()
    {
        var acl = WebAcl();

        Assert.Equal("REGIONAL", (string?)acl["Scope"]);
        Assert.Equal(CollectorWaf.WebAclName, (string?)acl["Name"]);
        Assert.NotNull(acl["DefaultAction"]!["Allow"]);
        Assert.All(acl["Rules"]!.Select(rule => rule["VisibilityConfig"]!).Append(acl["VisibilityConfig"]!),
            visibility => Assert.False((bool)visibility["SampledRequestsEnabled"]!));
    }

    [Fact]
    public void FirstRule_BlocksAnIpPastTheConfiguredRate()
    {
        var rule = WebAcl()["Rules"]!.Single(candidate => (int)candidate["Priority"]! == 0);
        var statement = rule["Statement"]!["RateBasedStatement"]!;

        Assert.Equal(5000, (int)statement["Limit"]!);
        Assert.Equal("IP", (string?)statement["AggregateKeyType"]);
        Assert.NotNull(rule["Action"]!["Block"]);
    }

    [Fact]
    public void ManagedRuleGroups_AreAwsIpReputationAndKnownBadInputs_NotTheCoreSetWhoseBodyLimitBlocksBatches()
    {
        var groups = WebAcl()["Rules"]!
            .Where(rule => rule["Statement"]!["ManagedRuleGroupStatement"] is not null)
            .OrderBy(rule => (int)rule["Priority"]!)
            .Select(rule => rule["Statement"]!["ManagedRuleGroupStatement"]!)
            .ToList();

        Assert.Equal(CollectorWaf.ManagedRuleGroups, groups.Select(group => (string?)group["Name"]));
        Assert.Equal(["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"], CollectorWaf.ManagedRuleGroups);
        Assert.All(groups, group => Assert.Equal("AWS", (string?)group["VendorName"]));
    }

    [Fact]
    public void WebAcl_IsAssociatedWithTheRestApisProdStage()
    {
        var association = stack.Resources("AWS::WAFv2::WebACLAssociation").Single().Resource["Properties"]!;
        var arn = association["ResourceArn"]!.ToString(Newtonsoft.Json.Formatting.None);
        var stageId = stack.Resources("AWS::ApiGateway::Stage").Single().LogicalId;
        var apiId = stack.Resources("AWS::ApiGateway::RestApi").Single().LogicalId;

        Assert.Contains(":apigateway:", arn, StringComparison.Ordinal);
        Assert.Contains($"{{\"Ref\":\"{apiId}\"}},\"/stages/\",{{\"Ref\":\"{stageId}\"}}", arn, StringComparison.Ordinal);
        Assert.Equal(stack.Resources("AWS::WAFv2::WebACL").Single().LogicalId, (string?)association["WebACLArn"]!["Fn::GetAtt"]![0]);
    }

    [Fact]
    public void Stage_NoLongerAcknowledgesTheMissingWaf()
    {
        var stage = stack.Resources("AWS::ApiGateway::Stage").Single().Resource;
        var ids = stage["Metadata"]?[NagAcknowledgments.MetadataKey]?["rules_to_suppress"]?.Select(entry => (string?)entry["id"]) ?? [];

        Assert.DoesNotContain("AwsSolutions-APIG3", ids);
    }

    private JObject WebAcl() => (JObject)stack.Resources("AWS::WAFv2::WebACL").Single().Resource["Properties"]!;
}
