using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Contracts.Tests.Configuration;

public sealed class FunctionHandlersTests
{
    [Theory]
    [InlineData("LiveInsight-Aggregator", true)]
    [InlineData("bootstrap", false)] // the collector's Handler setting: deployed functions keep running the collector
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("liveinsight-aggregator", false)]
    public void OnlyTheAggregatorsHandlerSetting_SelectsTheAggregator(string? handler, bool aggregator) =>
        Assert.Equal(aggregator, FunctionHandlers.IsAggregator(handler));

    [Theory]
    [InlineData("LiveInsight-StatsAuthorizer", true)]
    [InlineData("LiveInsight-Aggregator", false)]
    [InlineData("bootstrap", false)]
    [InlineData(null, false)]
    public void OnlyTheAuthorizersHandlerSetting_SelectsTheAuthorizer(string? handler, bool authorizer) =>
        Assert.Equal(authorizer, FunctionHandlers.IsAuthorizer(handler));
}
