namespace LiveInsight.LambdaRuntime;

/// <summary>The Lambda Runtime API (2018-06-01), the only channel between a custom runtime and Lambda.</summary>
public interface IRuntimeApiClient
{
    /// <summary>Long-polls for the next invocation; returns when Lambda has one.</summary>
    /// <exception cref="RuntimeApiException">The Runtime API failed; the runtime should exit.</exception>
    /// <exception cref="InvalidInvocationException">The invocation's headers are unusable; answer it with an error.</exception>
    Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken);

    /// <summary>Posts the successful result of invocation <paramref name="requestId"/>.</summary>
    Task SendResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken);

    /// <summary>Reports that invocation <paramref name="requestId"/> failed.</summary>
    Task ReportInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken);

    /// <summary>Reports that the function could not initialize; Lambda then discards this environment.</summary>
    Task ReportInitializationErrorAsync(LambdaError error, CancellationToken cancellationToken);
}
