using LiveInsight.Contracts.Deployment;
using LiveInsight.LambdaRuntime.Core;

namespace LiveInsight.Testing.LambdaRuntime;

/// <summary>
/// The invocation context a test or benchmark hands the handler directly, without the bootstrap loop: the
/// deployed function's limits, a request id of the caller's choosing and a fixed amount of time left.
/// After a move to Amazon.Lambda.*, Amazon.Lambda.TestUtilities' <c>TestLambdaContext</c> takes its place.
/// </summary>
public sealed class TestLambdaContext : ILambdaContext
{
    /// <inheritdoc />
    public string AwsRequestId { get; init; } = Guid.NewGuid().ToString();

    /// <inheritdoc />
    public string FunctionName { get; init; } = ResourceNames.FunctionName;

    /// <inheritdoc />
    public string FunctionVersion { get; init; } = "$LATEST";

    /// <inheritdoc />
    public string InvokedFunctionArn { get; init; } = "arn:aws:lambda:us-east-1:123456789012:function:" + ResourceNames.FunctionName;

    /// <inheritdoc />
    public int MemoryLimitInMB { get; init; } = 512;

    /// <inheritdoc />
    public string? TraceId { get; init; }

    /// <inheritdoc />
    public TimeSpan RemainingTime { get; init; } = TimeSpan.FromSeconds(30);
}
