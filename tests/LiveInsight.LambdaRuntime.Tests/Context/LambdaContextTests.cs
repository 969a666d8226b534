using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.LambdaRuntime.Tests;

public sealed class LambdaContextTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RemainingTime_CountsDownWithTheClockAndStopsAtZero()
    {
        var clock = new FakeTimeProvider(Now);
        var context = new LambdaContext(Invocation(Now.AddSeconds(3)), Environment(), clock);

        var atStart = context.RemainingTime;
        clock.Advance(TimeSpan.FromSeconds(2));
        var later = context.RemainingTime;
        clock.Advance(TimeSpan.FromSeconds(5));
        var afterDeadline = context.RemainingTime;

        Assert.Equal(TimeSpan.FromSeconds(3), atStart);
        Assert.Equal(TimeSpan.FromSeconds(1), later);
        Assert.Equal(TimeSpan.Zero, afterDeadline);
    }

    [Fact]
    public void Context_TakesInvocationHeadersAndFunctionDetailsFromTheEnvironment()
    {
        var environment = Environment(new()
        {
            [LambdaEnvironment.FunctionNameVariable] = "collector",
            [LambdaEnvironment.FunctionVersionVariable] = "7",
            [LambdaEnvironment.MemorySizeVariable] = "512",
        });

        var context = new LambdaContext(Invocation(Now), environment, new FakeTimeProvider(Now));

        Assert.Equal(("req", "arn:fn", "Root=1-x"), (context.AwsRequestId, context.InvokedFunctionArn, context.TraceId));
        Assert.Equal(("collector", "7", 512), (context.FunctionName, context.FunctionVersion, context.MemoryLimitInMB));
    }

    [Fact]
    public void Context_ForAHostOutsideLambda_CarriesTheGivenDetailsAndCountsDownToItsDeadline()
    {
        var clock = new FakeTimeProvider(Now);

        var context = new LambdaContext("local-1", Now.AddSeconds(30), clock) { FunctionName = "collector", MemoryLimitInMB = 512 };
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(("local-1", "collector", 512, null), (context.AwsRequestId, context.FunctionName, context.MemoryLimitInMB, context.TraceId));
        Assert.Equal(TimeSpan.FromSeconds(20), context.RemainingTime);
    }

    [Fact]
    public void Environment_WhenVariablesMissingOrInvalid_FallsBackToEmptyAndZero()
    {
        var environment = Environment(new() { [LambdaEnvironment.MemorySizeVariable] = "lots" });

        Assert.Equal((string.Empty, string.Empty, 0, null), (environment.FunctionName, environment.FunctionVersion, environment.MemoryLimitInMB, environment.RuntimeApi));
    }

    private static InvocationRequest Invocation(DateTimeOffset deadline) => new("req", deadline, "arn:fn", "Root=1-x", []);

    private static LambdaEnvironment Environment(Dictionary<string, string>? variables = null) =>
        new(new FakeEnvironmentVariables(variables));
}
