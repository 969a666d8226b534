using LiveInsight.LambdaRuntime.Core;

namespace LiveInsight.LambdaRuntime;

/// <summary>The <see cref="ILambdaContext"/> of one invocation.</summary>
public sealed class LambdaContext : ILambdaContext
{
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Creates the context of an invocation served outside Lambda (the local host): the caller supplies what
    /// the Runtime API headers and the Lambda environment would have said, through the init-only properties.
    /// </summary>
    /// <param name="awsRequestId">The request id the handler reports.</param>
    /// <param name="deadline">When the invocation counts as timed out.</param>
    /// <param name="timeProvider">The clock for <see cref="RemainingTime"/>.</param>
    public LambdaContext(string awsRequestId, DateTimeOffset deadline, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(awsRequestId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        AwsRequestId = awsRequestId;
        Deadline = deadline;
    }

    /// <summary>Creates the context of <paramref name="invocation"/>, as the bootstrap loop does for every invocation.</summary>
    /// <param name="invocation">The invocation's Runtime API headers.</param>
    /// <param name="environment">Where the function's name, version and memory come from.</param>
    /// <param name="timeProvider">The clock for <see cref="RemainingTime"/>.</param>
    public LambdaContext(InvocationRequest invocation, LambdaEnvironment environment, TimeProvider timeProvider)
        : this((invocation ?? throw new ArgumentNullException(nameof(invocation))).RequestId, invocation.Deadline, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(environment);
        InvokedFunctionArn = invocation.InvokedFunctionArn;
        TraceId = invocation.TraceId;
        FunctionName = environment.FunctionName;
        FunctionVersion = environment.FunctionVersion;
        MemoryLimitInMB = environment.MemoryLimitInMB;
    }

    /// <inheritdoc />
    public string AwsRequestId { get; }

    /// <inheritdoc />
    public string FunctionName { get; init; } = string.Empty;

    /// <inheritdoc />
    public string FunctionVersion { get; init; } = string.Empty;

    /// <inheritdoc />
    public string InvokedFunctionArn { get; init; } = string.Empty;

    /// <inheritdoc />
    public int MemoryLimitInMB { get; init; }

    /// <inheritdoc />
    public string? TraceId { get; init; }

    /// <summary>When Lambda stops this invocation.</summary>
    public DateTimeOffset Deadline { get; }

    /// <inheritdoc />
    /// <remarks>Never negative: past the deadline there is simply no time left.</remarks>
    public TimeSpan RemainingTime
    {
        get
        {
            var remaining = Deadline - _timeProvider.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }
}
