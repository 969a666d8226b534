using System.Text;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>Bots over real HTTP: the local host, its handler and DynamoDB Local, on tables of this class's own (ADR 0017).</summary>
public sealed class BotTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private async Task<HttpResponseMessage> PostAsAsync(string userAgent, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await Host.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")]
    public async Task Post_FromABot_Returns202AndNothingLandsInAnyTable(string userAgent)
    {
        var before = await Host.Reader.TotalItemsAsync();
        var user = Http.NewUser("bot");

        using var single = await PostAsAsync(userAgent, Http.Event(user));
        using var batch = await PostAsAsync(userAgent, $"[{Http.Event(user)},{Http.Event(user, eventType: "click")}]");

        Assert.Equal(HttpStatusCode.Accepted, single.StatusCode);
        Assert.Equal("1", single.Header("X-LiveInsight-Dropped"));
        var singleBody = await single.JsonAsync();
        Assert.Equal("Event not stored", singleBody.GetProperty("message").GetString());
        Assert.Equal("bot", singleBody.GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        Assert.Equal("2", batch.Header("X-LiveInsight-Dropped"));
        var batchBody = await batch.JsonAsync();
        Assert.Equal("Batch not stored", batchBody.GetProperty("message").GetString());
        Assert.Equal(["bot", "bot"], batchBody.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("dropped").GetString()));

        Assert.Equal(before, await Host.Reader.TotalItemsAsync());
    }

    [Theory]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    public async Task Post_FromAnHttpClientLibrary_IsStored(string userAgent)
    {
        var user = Http.NewUser("client");

        using var response = await PostAsAsync(userAgent, Http.Event(user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Header("X-LiveInsight-Dropped"));
        Assert.Single(await Host.Reader.EventsAsync(), e => e["user_id"].S == user);
    }
}
