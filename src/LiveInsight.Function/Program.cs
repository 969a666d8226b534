using LiveInsight.Function;
using LiveInsight.LambdaRuntime;

// The Lambda entry point (custom runtime, provided.al2023): build the collector once per execution
// environment, warm it during init, then serve invocations from the Runtime API until shutdown.
return await LambdaBootstrap.RunAsync(async cancellationToken =>
{
    var composition = CollectorComposition.Create(Environment.GetEnvironmentVariable, Console.Out);
    await composition.WarmUpAsync(cancellationToken).ConfigureAwait(false);
    return composition.Handler.HandleAsync;
}).ConfigureAwait(false);
