namespace LiveInsight.LambdaRuntime;

/// <summary>One invocation handed out by <c>GET runtime/invocation/next</c>: its headers and raw event.</summary>
/// <param name="RequestId">The <c>Lambda-Runtime-Aws-Request-Id</c>; the key every answer is posted under.</param>
/// <param name="Deadline">When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</param>
/// <param name="InvokedFunctionArn">The ARN the caller invoked (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</param>
/// <param name="TraceId">The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>), if tracing is on.</param>
/// <param name="Payload">The event, as UTF-8 JSON bytes.</param>
public sealed record InvocationRequest(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    byte[] Payload);
