using LiveInsight.LambdaRuntime.Core;

namespace LiveInsight.LambdaRuntime;

/// <summary>
/// A function's handler: one invocation's event in, its answer out. The token fires shortly before the invocation's
/// deadline (<see cref="LambdaBootstrap"/> leaves time to post the answer).
/// </summary>
public delegate Task<TResponse> LambdaHandler<in TEvent, TResponse>(TEvent input, ILambdaContext context, CancellationToken cancellationToken);
