using LiveInsight.Contracts.Configuration;
using LiveInsight.Function;
using LiveInsight.Function.Aggregator;
using LiveInsight.LambdaRuntime;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

// The Lambda entry point (custom runtime, provided.al2023). One binary serves three functions, picked by the
// function's Handler setting (_HANDLER): the stats API's authorizer for LiveInsight-StatsAuthorizer, the rollup
// aggregator for LiveInsight-Aggregator, else the collector,
// whose Handler is "bootstrap". Each is built once per execution environment, then serves invocations until shutdown.
if (FunctionHandlers.IsAuthorizer(Environment.GetEnvironmentVariable(FunctionHandlers.HandlerVariable)))
{
    return await LambdaBootstrap.RunAuthorizerAsync(cancellationToken =>
    {
        var authorizer = LiveInsight.Function.Authorizer.AuthorizerComposition.Create(Environment.GetEnvironmentVariable);
        return Task.FromResult<LambdaHandler<APIGatewayCustomAuthorizerRequest, APIGatewayCustomAuthorizerResponse>>(authorizer.HandleAsync);
    }).ConfigureAwait(false);
}

if (FunctionHandlers.IsAggregator(Environment.GetEnvironmentVariable(FunctionHandlers.HandlerVariable)))
{
    return await LambdaBootstrap.RunDynamoDBStreamsAsync(cancellationToken =>
    {
        var aggregator = AggregatorComposition.Create(Environment.GetEnvironmentVariable, Console.Out);
        return Task.FromResult<LambdaHandler<DynamoDBEvent, StreamsEventResponse>>(aggregator.Handler.HandleAsync);
    }).ConfigureAwait(false);
}

return await LambdaBootstrap.RunAsync(async cancellationToken =>
{
    var composition = CollectorComposition.Create(Environment.GetEnvironmentVariable, Console.Out);
    await composition.WarmUpAsync(cancellationToken).ConfigureAwait(false);
    return composition.Handler.HandleAsync;
}).ConfigureAwait(false);
