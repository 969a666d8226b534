using System.Net;

namespace LiveInsight.LambdaRuntime;

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
