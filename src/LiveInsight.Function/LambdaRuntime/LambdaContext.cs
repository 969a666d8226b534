namespace LiveInsight.Function.LambdaRuntime;

/// <summary>The <see cref="ILambdaContext"/> of one invocation, built from its Runtime API headers.</summary>
public sealed class LambdaContext : ILambdaContext
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the context of <paramref name="invocation"/>; <paramref name="timeProvider"/> is the clock for <see cref="RemainingTime"/>.</summary>
    public LambdaContext(InvocationRequest invocation, LambdaEnvironment environment, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        AwsRequestId = invocation.RequestId;
        InvokedFunctionArn = invocation.InvokedFunctionArn;
        TraceId = invocation.TraceId;
        Deadline = invocation.Deadline;
        FunctionName = environment.FunctionName;
        FunctionVersion = environment.FunctionVersion;
        MemoryLimitInMB = environment.MemoryLimitInMB;
    }

    /// <inheritdoc />
    public string AwsRequestId { get; }

    /// <inheritdoc />
    public string FunctionName { get; }

    /// <inheritdoc />
    public string FunctionVersion { get; }

    /// <inheritdoc />
    public string InvokedFunctionArn { get; }

    /// <inheritdoc />
    public int MemoryLimitInMB { get; }

    /// <inheritdoc />
    public string? TraceId { get; }

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
