using System.Diagnostics;
using Amazon.CDK;

namespace LiveInsight.Infra.Tests;

/// <summary>
/// AWS's rule packs (cdk-nag's AwsSolutions and Serverless) run over the template as the tests synthesize it, through
/// scripts/cdk-nag-check.mjs, the same check `make test-nag` runs on `cdk synth`'s output. Needs Node.js and the npm
/// devDependencies (`make test` installs both).
/// </summary>
public sealed class RulePackTests(DefaultStack rest, HttpApiStack http, WafStack waf)
    : IClassFixture<DefaultStack>, IClassFixture<HttpApiStack>, IClassFixture<WafStack>
{
    [Fact]
    public void RulePacks_LeaveNoFindingUnacknowledged_OnTheRestApi() => AssertClean(rest, "rest");

    [Fact]
    public void RulePacks_LeaveNoFindingUnacknowledged_OnTheHttpApi() => AssertClean(http, "http");

    [Fact]
    public void RulePacks_LeaveNoFindingUnacknowledged_WithWaf() => AssertClean(waf, "rest-waf");

    private static void AssertClean(SynthesizedStack stack, string label)
    {
        var repository = Path.GetDirectoryName(CdkJson.Path)!;
        var template = Path.Combine(Path.GetTempPath(), $"liveinsight-nag-{label}-{Guid.NewGuid():N}.json");
        File.WriteAllText(template, stack.Json.ToString());
        try
        {
            var start = new ProcessStartInfo("node", ["scripts/cdk-nag-check.mjs", template, label])
            {
                WorkingDirectory = repository,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the check did not finish in 2 minutes");

            Assert.True(process.ExitCode == 0, $"{stdout}\n{stderr.Result}");
            Assert.Contains(" acknowledged, 0 open", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(template);
        }
    }
}

/// <summary>The acknowledgments as the stack writes them: cdk-nag's audit format in each resource's Metadata.</summary>
public sealed class NagAcknowledgmentTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void EveryAcknowledgment_NamesARuleAndSaysWhy()
    {
        var acknowledgments = stack.Json["Resources"]!.Children<JProperty>()
            .SelectMany(resource => Acknowledgments(resource.Value))
            .ToList();

        Assert.NotEmpty(acknowledgments);
        Assert.All(acknowledgments, acknowledgment =>
        {
            Assert.Matches("^(AwsSolutions|Serverless)-[A-Za-z0-9]+$", (string?)acknowledgment["id"]);
            Assert.True(((string?)acknowledgment["reason"])?.Length >= NagAcknowledgments.MinimumReasonLength, acknowledgment.ToString());
        });
    }

    [Fact]
    public void CollectorRole_AcknowledgesOnlyTheWildcardXRayNeeds()
    {
        var role = stack.Role(CollectorFunction.RoleName).Resource;
        var wildcard = Acknowledgments(role).Single(acknowledgment => (string?)acknowledgment["id"] == "AwsSolutions-IAM5");

        Assert.Equal(["Resource::*"], wildcard["applies_to"]!.Values<string>());
        Assert.Contains("X-Ray", (string?)wildcard["reason"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/events", true)]
    [InlineData("GET", "/dashboard", true)]
    [InlineData("GET", "/sessions/active", false)]
    [InlineData("GET", "/api/v1/stats/aggregate", false)]
    public void Methods_AreAcknowledgedByTheirAccess_PublicOnesAsPublicByDesign(string httpMethod, string path, bool isPublic)
    {
        var ids = Acknowledgments(stack.RestMethod(httpMethod, path)).Select(acknowledgment => (string?)acknowledgment["id"]);

        Assert.Equal(isPublic ? ["AwsSolutions-APIG4", "AwsSolutions-COG4"] : ["AwsSolutions-COG4"], ids.Order());
    }

    [Fact]
    public void Stage_AcknowledgesThatWafIsOffByDefault()
    {
        var stage = stack.Resources("AWS::ApiGateway::Stage").Single().Resource;

        Assert.Contains("AwsSolutions-APIG3", Acknowledgments(stage).Select(acknowledgment => (string?)acknowledgment["id"]));
    }

    [Fact]
    public void Add_KeepsEveryAcknowledgmentOfOneResource()
    {
        var resource = NewResource();

        NagAcknowledgments.Add(resource, "AwsSolutions-SNS3", "First reason, long enough to say why it is so.");
        NagAcknowledgments.Add(resource, "AwsSolutions-IAM5", "Second reason, long enough to say why it is so.", "Resource::*");

        var entries = Acknowledgments(JObject.FromObject(Template.FromStack(Stack.Of(resource)).ToJSON())["Resources"]!["Topic"]!);
        Assert.Equal(["AwsSolutions-SNS3", "AwsSolutions-IAM5"], entries.Select(entry => (string?)entry["id"]));
        Assert.Null(entries[0]["applies_to"]);
        Assert.Equal(["Resource::*"], entries[1]["applies_to"]!.Values<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("by design")]
    public void Add_RefusesAReasonThatSaysNothing(string reason)
    {
        Assert.Throws<ArgumentException>(() => NagAcknowledgments.Add(NewResource(), "AwsSolutions-SNS3", reason));
    }

    private static CfnResource NewResource()
    {
        var stack = new Stack(new App(), "Test");
        return new CfnResource(stack, "Topic", new CfnResourceProps { Type = "AWS::SNS::Topic" });
    }

    private static List<JObject> Acknowledgments(JToken resource) =>
        resource["Metadata"]?[NagAcknowledgments.MetadataKey]?["rules_to_suppress"]?.Cast<JObject>().ToList() ?? [];
}
