using System.Net;

namespace LiveInsight.Function.LambdaRuntime;

/// <summary>The Runtime API answered with a status the runtime did not expect.</summary>
public sealed class RuntimeApiException : Exception
{
    /// <summary>Creates the exception for <paramref name="statusCode"/>.</summary>
    public RuntimeApiException(string message, HttpStatusCode? statusCode = null)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the Runtime API returned, if it returned one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The Runtime API documents 500 as "non-recoverable state, the runtime should exit promptly"; a 4xx only
    /// rejects the one request (e.g. 413 for an oversized response) and the loop can go on.
    /// </summary>
    public bool IsFatal => StatusCode is null or >= HttpStatusCode.InternalServerError;
}

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
