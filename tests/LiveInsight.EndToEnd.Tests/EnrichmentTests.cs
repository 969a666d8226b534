using System.Text;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>Enrichment over real HTTP: the local host passes API Gateway's headers through as the edge would (ADR 0019).</summary>
public sealed class EnrichmentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string AndroidSamsung =
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36";

    private LocalHostProcess Host => fixture.Host;

    private async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> PostAndReadAsync(
        string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Host.Http.SendAsync(request);
        var answer = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {answer}");
        var eventId = answer.GetProperty("event_id").GetString();
        return Assert.Single(await Host.Reader.EventsAsync(), e => e["event_id"].S == eventId);
    }

    [Fact]
    public async Task Event_FromAPhoneViaCloudFront_IsStoredWithItsSourceCampaignDeviceBrowserOsAndCountry()
    {
        var stored = await PostAndReadAsync(
            """{"event_type":"page_view","page_url":"https://www.enrich-a.example/sale?utm_campaign=winter&ref=hn&fbclid=IwAR0secret","referrer":"https://news.ycombinator.com/item?id=1"}""",
            ("User-Agent", AndroidSamsung), ("CloudFront-Viewer-Country", "NL"), ("CloudFront-Is-Mobile-Viewer", "true"));

        Assert.Equal("enrich-a.example", stored["site"].S);
        Assert.Equal("/sale", stored["pathname"].S);
        Assert.Equal("Hacker News", stored["referrer_source"].S);
        Assert.Equal("hn", stored["utm_source"].S);
        Assert.Equal("winter", stored["utm_campaign"].S);
        Assert.Equal("fbclid", stored["click_id"].S);
        Assert.Equal("https://www.enrich-a.example/sale?utm_campaign=winter&ref=hn", stored["page_url"].S);
        Assert.Equal("Mobile", stored["device"].S);
        Assert.Equal("Samsung Internet", stored["browser"].S);
        Assert.Equal("Android", stored["os"].S);
        Assert.Equal("NL", stored["country"].S);
        Assert.False(stored.ContainsKey("user_agent"));
    }

    [Fact]
    public async Task ScreenWidth_DecidesTheDevice_WhenNoEdgeHeaderDoes()
    {
        var stored = await PostAndReadAsync(
            """{"event_type":"page_view","page_url":"https://enrich-b.example/","screen_width":820}""",
            ("User-Agent", AndroidSamsung));

        Assert.Equal("Tablet", stored["device"].S);
        Assert.False(stored.ContainsKey("country"));
        Assert.False(stored.ContainsKey("screen_width"));
    }
}
