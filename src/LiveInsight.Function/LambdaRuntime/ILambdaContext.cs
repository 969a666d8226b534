namespace LiveInsight.Function.LambdaRuntime;

/// <summary>What the runtime knows about the invocation in progress (a subset of Amazon.Lambda.Core's).</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }
    string FunctionName { get; }
    string FunctionVersion { get; }
    string InvokedFunctionArn { get; }
    int MemoryLimitInMB { get; }

    /// <summary>The X-Ray trace header of this invocation, if tracing is on.</summary>
    string? TraceId { get; }

    /// <summary>Time left before Lambda stops the invocation, read from the clock each time.</summary>
    TimeSpan RemainingTime { get; }
}
