namespace LiveInsight.LambdaRuntime;

/// <summary>
/// An invocation arrived with a request id but headers the runtime cannot use (e.g. no deadline). It is
/// answered with an error rather than ending the loop, because the fault belongs to that invocation only.
/// </summary>
public sealed class InvalidInvocationException : Exception
{
    /// <summary>Creates the exception for the invocation <paramref name="requestId"/>.</summary>
    public InvalidInvocationException(string requestId, string message)
        : base(message)
    {
        RequestId = requestId;
    }

    /// <summary>The request id of the unusable invocation; the error is posted under it.</summary>
    public string RequestId { get; }
}
