using System.Text;
using LiveInsight.Testing;

namespace LiveInsight.EndToEnd.Tests.Fixtures;

/// <summary>Requests as a browser or curl sends them, and checks on what comes back.</summary>
public static class Http
{
    /// <summary>The seed's curl body, byte for byte.</summary>
    public const string SeedBody = SeedEvent.Body;

    public static string NewUser(string label = "user") => $"{label}_{Guid.NewGuid():N}";

    /// <summary>One event's JSON (the collector harness's builder), for a user of the test's own.</summary>
    public static string Event(string userId, string? clientEventId = null, string pageUrl = "https://example.com/home", string eventType = "page_view", string? sessionId = null) =>
        CollectorHarness.Event(userId: userId, eventType: eventType, pageUrl: pageUrl, clientEventId: clientEventId, sessionId: sessionId);

    public static Task<HttpResponseMessage> PostAsync(this HttpClient http, string body, string? contentType = "application/json") =>
        http.PostBytesAsync(Encoding.UTF8.GetBytes(body), contentType);

    public static async Task<HttpResponseMessage> PostBytesAsync(this HttpClient http, byte[] body, string? contentType = "application/json", string path = "events")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            // Set verbatim: the typed header would refuse or normalise the odd values tests send on purpose.
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await http.SendAsync(request).ConfigureAwait(false);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Posts and expects 200; returns the answer's body. A 503 is retried with the same body after its Retry-After,
    /// as the tracker does and as the answer invites: on a 2-core machine running other test projects, DynamoDB Local
    /// has been slow enough for the store's bounded retries to give up on a batch of 100.
    /// </summary>
    public static async Task<JsonElement> AcceptAsync(this HttpClient http, string body)
    {
        var response = await http.PostAsync(body).ConfigureAwait(false);
        for (var retry = 0; retry < 3 && response.StatusCode == HttpStatusCode.ServiceUnavailable; retry++)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            await Task.Delay(wait).ConfigureAwait(false);
            response = await http.PostAsync(body).ConfigureAwait(false);
        }

        using var answered = response;
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The error contract: JSON media type and exactly <c>{"error":{"code","message","details":[...]}}</c>.
    /// Returns the error object.
    /// </summary>
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode? status = null, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (status is { } expected)
        {
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var only = Assert.Single(root.EnumerateObject());
        Assert.Equal("error", only.Name);
        var error = only.Value;
        Assert.Equal(3, error.EnumerateObject().Count());
        var actual = error.GetProperty("code").GetString();
        Assert.Matches("^[a-z]+(_[a-z]+)*$", actual);
        if (code is not null)
        {
            Assert.Equal(code, actual);
        }

        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Array, error.GetProperty("details").ValueKind);
        foreach (var detail in error.GetProperty("details").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(detail.GetProperty("field").GetString()));
            Assert.False(string.IsNullOrEmpty(detail.GetProperty("problem").GetString()));
        }

        return error.Clone();
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
