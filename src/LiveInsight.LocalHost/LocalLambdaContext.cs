using LiveInsight.Contracts.Deployment;
using LiveInsight.Function.LambdaRuntime;

namespace LiveInsight.LocalHost;

/// <summary>The invocation context of a local request: the deployed function's limits, without Lambda.</summary>
internal sealed class LocalLambdaContext(string requestId, DateTimeOffset deadline, TimeProvider clock) : ILambdaContext
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string AwsRequestId => requestId;
    public string FunctionName => ResourceNames.FunctionName;
    public string FunctionVersion => "$LATEST";
    public string InvokedFunctionArn => $"arn:aws:lambda:local:000000000000:function:{ResourceNames.FunctionName}";
    public int MemoryLimitInMB => 512;
    public string? TraceId => null;
    public TimeSpan RemainingTime => deadline - clock.GetUtcNow();
}
