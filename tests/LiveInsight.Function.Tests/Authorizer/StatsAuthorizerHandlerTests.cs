using LiveInsight.Function.Authorizer;

namespace LiveInsight.Function.Tests.Authorizer;

public sealed class StatsAuthorizerHandlerTests
{
    private const string Key = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd";
    private const string Api = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod";
    private const string Called = Api + "/GET/api/v1/stats/aggregate";

    private sealed class Secret
    {
        public string Value { get; set; } = "{\"key\":\"" + Key + "\"}";
        public int Reads { get; private set; }
        public bool Fail { get; set; }

        public Task<string> ReadAsync(CancellationToken _)
        {
            Reads++;
            return Fail ? Task.FromException<string>(new HttpRequestException("unreachable")) : Task.FromResult(Value);
        }
    }

    private static (StatsAuthorizerHandler Handler, Secret Secret, FakeTimeProvider Clock) NewAuthorizer(string? cacheSeconds = null)
    {
        var secret = new Secret();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var handler = AuthorizerComposition.Create(
            name => name == "STATS_API_KEY_CACHE_SECONDS" ? cacheSeconds : null, clock: clock, readSecret: secret.ReadAsync);
        return (handler, secret, clock);
    }

    private static Task<APIGatewayCustomAuthorizerResponse> AskAsync(StatsAuthorizerHandler handler, string? authorization, string methodArn = Called) =>
        handler.HandleAsync(
            new APIGatewayCustomAuthorizerRequest
            {
                Type = "REQUEST",
                MethodArn = methodArn,
                Headers = authorization is null ? [] : new() { ["authorization"] = authorization },
            },
            new TestLambdaContext(),
            CancellationToken.None);

    [Fact]
    public async Task TheRightKey_IsAllowedEveryKeyedReadOfThatApiAndStage_AndNothingElse()
    {
        var (handler, _, _) = NewAuthorizer();

        var answer = await AskAsync(handler, "Bearer " + Key);

        var statement = Assert.Single(answer.Policy.Statement);
        Assert.Equal("Allow", statement.Effect);
        Assert.Equal("execute-api:Invoke", statement.Action);
        Assert.Equal(
            [
                Api + "/GET/sessions/active", Api + "/GET/sessions/*",
                Api + "/GET/api/v1/stats/realtime/visitors", Api + "/GET/api/v1/stats/aggregate",
                Api + "/GET/api/v1/stats/timeseries", Api + "/GET/api/v1/stats/breakdown",
            ],
            statement.Resource);
        Assert.Equal(StatsAccessPolicy.PrincipalId, answer.PrincipalId);
    }

    [Theory]
    [InlineData("Bearer wrong-key-0123456789abcdefghij")]
    [InlineData(Key)]
    [InlineData(null)]
    public async Task AnythingElse_IsDeniedTheCalledMethodOnly(string? authorization)
    {
        var (handler, _, _) = NewAuthorizer();

        var answer = await AskAsync(handler, authorization);

        var statement = Assert.Single(answer.Policy.Statement);
        Assert.Equal("Deny", statement.Effect);
        Assert.Equal([Called], statement.Resource);
    }

    [Fact]
    public async Task TheSecret_IsReadOncePerCacheTime_SoARotationTakesEffectAfterIt()
    {
        var (handler, secret, clock) = NewAuthorizer(cacheSeconds: "60");
        const string Rotated = "rotated-key-0123456789abcdef";

        Assert.Equal("Allow", (await AskAsync(handler, "Bearer " + Key)).Policy.Statement[0].Effect);
        secret.Value = "{\"key\":\"" + Rotated + "\"}";
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("Allow", (await AskAsync(handler, "Bearer " + Key)).Policy.Statement[0].Effect);
        Assert.Equal(1, secret.Reads);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Deny", (await AskAsync(handler, "Bearer " + Key)).Policy.Statement[0].Effect);
        Assert.Equal("Allow", (await AskAsync(handler, "Bearer " + Rotated)).Policy.Statement[0].Effect);
        Assert.Equal(2, secret.Reads);
    }

    [Fact]
    public async Task AnUnreadableSecret_FailsTheRequest_NeverAllowsIt()
    {
        var (handler, secret, _) = NewAuthorizer();
        secret.Fail = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => AskAsync(handler, "Bearer " + Key));
    }

    [Fact]
    public async Task AFailedRead_IsRememberedForFiveSeconds_ThenTriedAgain()
    {
        var (handler, secret, clock) = NewAuthorizer();
        secret.Fail = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => AskAsync(handler, "Bearer " + Key));
        await Assert.ThrowsAsync<HttpRequestException>(() => AskAsync(handler, "Bearer " + Key));
        Assert.Equal(1, secret.Reads);

        secret.Fail = false;
        clock.Advance(CachedStatsApiKeys.FailureMemory);
        Assert.Equal("Allow", (await AskAsync(handler, "Bearer " + Key)).Policy.Statement[0].Effect);
        Assert.Equal(2, secret.Reads);
    }

    [Fact]
    public async Task AMalformedSecret_FailsTheRequest_NeverOpensTheApi()
    {
        var (handler, secret, _) = NewAuthorizer();
        secret.Value = "{}";

        await Assert.ThrowsAsync<FormatException>(() => AskAsync(handler, "Bearer " + Key));
    }

    [Theory]
    [InlineData("arn:aws:execute-api:eu-west-1:1:api/prod/GET/sessions/abc", "GET", "/sessions/{session_id}", "arn:aws:execute-api:eu-west-1:1:api/prod/GET/sessions/*")]
    [InlineData("arn:aws-cn:execute-api:cn-north-1:1:api/prod/GET/x", "GET", "/api/v1/stats/aggregate", "arn:aws-cn:execute-api:cn-north-1:1:api/prod/GET/api/v1/stats/aggregate")]
    [InlineData("arn:aws:execute-api:eu-west-1:1:api/prod/GET/sessions/a:b", "GET", "/sessions/active", "arn:aws:execute-api:eu-west-1:1:api/prod/GET/sessions/active")]
    public void MethodArn_KeepsTheCalledApiAndStage(string called, string method, string resource, string expected) =>
        Assert.Equal(expected, StatsAccessPolicy.MethodArn(called, method, resource));

    [Theory]
    [InlineData("")]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:lambda:eu-west-1:1:function:f")]
    public void MethodArn_RefusesWhatIsNoMethodArn(string called) =>
        Assert.Throws<FormatException>(() => StatsAccessPolicy.MethodArn(called, "GET", "/x"));

    [Fact]
    public void WithoutTheSecretsName_TheAuthorizerRefusesToStart() =>
        Assert.Throws<InvalidOperationException>(() => AuthorizerComposition.Create(_ => null));
}
