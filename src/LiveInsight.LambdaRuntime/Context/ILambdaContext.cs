namespace LiveInsight.LambdaRuntime.Core;

/// <summary>What the runtime knows about the invocation in progress (a subset of Amazon.Lambda.Core's).</summary>
public interface ILambdaContext
{
    /// <summary>The invocation's request id (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>The function's name (<c>AWS_LAMBDA_FUNCTION_NAME</c>).</summary>
    string FunctionName { get; }

    /// <summary>The function version being executed (<c>AWS_LAMBDA_FUNCTION_VERSION</c>).</summary>
    string FunctionVersion { get; }

    /// <summary>The ARN the caller invoked, including any alias or version qualifier.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The configured memory in MB (<c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>); 0 when unknown.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>The X-Ray trace header of this invocation, if tracing is on.</summary>
    string? TraceId { get; }

    /// <summary>Time left before Lambda stops the invocation, read from the clock each time.</summary>
    TimeSpan RemainingTime { get; }
}
