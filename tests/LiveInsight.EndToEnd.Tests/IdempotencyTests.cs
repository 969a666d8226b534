namespace LiveInsight.EndToEnd.Tests;

/// <summary>A client_event_id makes a retried event the same event: same ids, stored and counted once.</summary>
public sealed class IdempotencyTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private async Task<List<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>>> EventsOfAsync(string userId) =>
        (await Host.Reader.EventsAsync()).Where(e => e["user_id"].S == userId).ToList();

    [Fact]
    public async Task SameBodyPostedTwice_AnswersTheSameIdsAndStoresOneEvent()
    {
        var user = Http.NewUser("idem");
        var body = Http.Event(user, clientEventId: "evt-1");

        var first = await Host.Http.AcceptAsync(body);
        var second = await Host.Http.AcceptAsync(body);

        Assert.Equal(first.GetProperty("event_id").GetString(), second.GetProperty("event_id").GetString());
        Assert.Equal(first.GetProperty("session_id").GetString(), second.GetProperty("session_id").GetString());
        var stored = Assert.Single(await EventsOfAsync(user));
        Assert.Equal(first.GetProperty("event_id").GetString(), stored["event_id"].S);
        var session = await Host.Reader.SessionAsync(first.GetProperty("session_id").GetString()!);
        Assert.Equal("1", session!["event_count"].N);
    }

    [Fact]
    public async Task SameClientEventIdFromAnotherUser_IsADifferentEvent()
    {
        var (a, b) = (Http.NewUser("idem_a"), Http.NewUser("idem_b"));

        var first = await Host.Http.AcceptAsync(Http.Event(a, clientEventId: "shared-1"));
        var second = await Host.Http.AcceptAsync(Http.Event(b, clientEventId: "shared-1"));

        Assert.NotEqual(first.GetProperty("event_id").GetString(), second.GetProperty("event_id").GetString());
        Assert.Single(await EventsOfAsync(a));
        Assert.Single(await EventsOfAsync(b));
    }

    [Fact]
    public async Task BatchRepeatingAClientEventId_AnswersTheFirstIdsForBothAndStoresOne()
    {
        var user = Http.NewUser("idem_batch");
        var repeated = Http.Event(user, clientEventId: "dup-1");
        var batch = $"[{repeated},{Http.Event(user, clientEventId: "other-1", pageUrl: "https://example.com/other")},{repeated}]";

        var body = await Host.Http.AcceptAsync(batch);

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(results[0].GetProperty("event_id").GetString(), results[2].GetProperty("event_id").GetString());
        Assert.Equal(results[0].GetProperty("session_id").GetString(), results[2].GetProperty("session_id").GetString());
        Assert.NotEqual(results[0].GetProperty("event_id").GetString(), results[1].GetProperty("event_id").GetString());
        var stored = await EventsOfAsync(user);
        Assert.Equal(2, stored.Count);
        var session = await Host.Reader.SessionAsync(results[0].GetProperty("session_id").GetString()!);
        Assert.Equal("2", session!["event_count"].N);
    }

    [Fact]
    public async Task BatchRetriedWhole_AnswersTheSameIdsAndCountsEachEventOnce()
    {
        var user = Http.NewUser("idem_batch_retry");
        var batch = "[" + string.Join(',', Enumerable.Range(0, 5).Select(i => Http.Event(user, clientEventId: $"b-{i}", pageUrl: $"https://example.com/{i}"))) + "]";

        var first = await Host.Http.AcceptAsync(batch);
        var second = await Host.Http.AcceptAsync(batch);

        Assert.Equal(
            first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("event_id").GetString()),
            second.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("event_id").GetString()));
        Assert.Equal(5, (await EventsOfAsync(user)).Count);
        var session = await Host.Reader.SessionAsync(first.GetProperty("results")[0].GetProperty("session_id").GetString()!);
        Assert.Equal("5", session!["event_count"].N);
    }

    [Fact]
    public async Task SingleEventRetriedInsideABatch_IsRecognisedAsTheSameEvent()
    {
        var user = Http.NewUser("idem_mixed");
        var single = Http.Event(user, clientEventId: "one");
        var first = await Host.Http.AcceptAsync(single);

        var batch = await Host.Http.AcceptAsync($"[{single},{Http.Event(user, clientEventId: "two", pageUrl: "https://example.com/2")}]");

        Assert.Equal(first.GetProperty("event_id").GetString(), batch.GetProperty("results")[0].GetProperty("event_id").GetString());
        Assert.Equal(2, (await EventsOfAsync(user)).Count);
        var session = await Host.Reader.SessionAsync(first.GetProperty("session_id").GetString()!);
        Assert.Equal("2", session!["event_count"].N);
    }

    [Fact]
    public async Task SameBodyPostedConcurrently_StoresOneEventAndAllSuccessesAgreeOnIds()
    {
        var user = Http.NewUser("idem_race");
        var body = Http.Event(user, clientEventId: "race-1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Host.Http.PostAsync(body)));

        try
        {
            // A lost race may answer 503 (retry later); it must never answer anything else or store twice.
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
            var ids = new HashSet<string?>();
            foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            {
                ids.Add((await response.JsonAsync()).GetProperty("event_id").GetString());
            }

            Assert.Single(ids);
            var stored = Assert.Single(await EventsOfAsync(user));
            Assert.Equal(ids.Single(), stored["event_id"].S);
            var session = await Host.Reader.SessionAsync(stored["session_id"].S);
            Assert.Equal("1", session!["event_count"].N);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
