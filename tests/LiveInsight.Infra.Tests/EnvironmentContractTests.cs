using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Function;

namespace LiveInsight.Infra.Tests;

/// <summary>
/// The deployed function's environment against what the function really reads: the variables are recorded
/// while the function's own composition root builds the collector, as it does at cold start.
/// </summary>
public sealed class EnvironmentContractTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void DeployedEnvironment_HoldsEveryVariableTheFunctionReads_ThatLambdaDoesNotSet()
    {
        var deployed = DeployedVariables();

        var missing = VariablesTheFunctionReads()
            .Where(name => !deployed.Contains(name))
            .Where(name => !CollectorEnvironment.SetByLambda.Contains(name) && !CollectorEnvironment.LocalOnly.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, "Read by the function but not deployed: " + string.Join(", ", missing));
    }

    [Fact]
    public void DeployedEnvironment_HoldsNothingTheFunctionIgnores()
    {
        var read = VariablesTheFunctionReads();

        var ignored = DeployedVariables().Where(name => !read.Contains(name)).ToList();

        Assert.True(ignored.Count == 0, "Deployed but never read by the function: " + string.Join(", ", ignored));
    }

    [Fact]
    public void DeployedEnvironment_IsExactlyWhatTheContractSaysTheStackSets()
    {
        Assert.Equal(CollectorEnvironment.SetByStack.Order(StringComparer.Ordinal), DeployedVariables().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheFunction_ReadsEveryVariableTheContractSaysTheStackSets()
    {
        var read = VariablesTheFunctionReads();

        Assert.All(CollectorEnvironment.SetByStack, name => Assert.Contains(name, read));
    }

    private HashSet<string> DeployedVariables() =>
        ((JObject)stack.Function(ResourceNames.FunctionName).Resource["Properties"]!["Environment"]!["Variables"]!)
            .Properties().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> VariablesTheFunctionReads()
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        // A local endpoint, so the DynamoDB client is built without looking for AWS credentials; nothing is called.
        _ = CollectorComposition.Create(
            name =>
            {
                read.Add(name);
                return name == CollectorEnvironment.DynamoDbEndpoint ? "http://127.0.0.1:9" : null;
            },
            TextWriter.Null);
        return read;
    }
}
