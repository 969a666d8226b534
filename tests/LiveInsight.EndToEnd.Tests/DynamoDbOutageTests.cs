using System.Diagnostics;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>DynamoDB goes away under a running host, then comes back: 503s while it is gone, no loss or doubles after.</summary>
public sealed class DynamoDbOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>
{
    private static readonly TimeSpan MaxAnswerTime = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StoreDown_Answers503QuicklyThenRetriesAfterRecoveryStoreEachEventOnce()
    {
        var host = fixture.Host;
        var user = Http.NewUser("outage");
        await host.Http.AcceptAsync(Http.Event(user, clientEventId: "before"));
        var bodies = new[]
        {
            Http.Event(user, clientEventId: "during-1", pageUrl: "https://example.com/1"),
            Http.Event(user, clientEventId: "during-2", pageUrl: "https://example.com/2", eventType: "click"),
        };

        fixture.Dynamo.Stop();
        try
        {
            foreach (var body in bodies)
            {
                var clock = Stopwatch.StartNew();
                using var response = await host.Http.PostAsync(body);
                clock.Stop();

                await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "store_unavailable");
                Assert.Equal("2", response.Header("Retry-After"));
                Assert.True(clock.Elapsed < MaxAnswerTime, $"the 503 took {clock.Elapsed}");
            }

            using var reads = await host.Http.GetAsync("sessions/active");
            await reads.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "store_unavailable");
        }
        finally
        {
            // In memory: the restarted store is empty, so the tables come back under the same names.
            fixture.Dynamo.Start();
            await fixture.Dynamo.CreateTablesAsync(host.TablePrefix);
        }

        var answers = new List<JsonElement>();
        foreach (var body in bodies)
        {
            answers.Add(await PostUntilAcceptedAsync(host, body));
        }

        var again = await host.Http.AcceptAsync(bodies[0]);
        Assert.Equal(answers[0].GetProperty("event_id").GetString(), again.GetProperty("event_id").GetString());

        var stored = (await host.Reader.EventsAsync()).Where(e => e["user_id"].S == user).ToList();
        Assert.Equal(2, stored.Count);
        Assert.Equal(
            answers.Select(a => a.GetProperty("event_id").GetString()).Order(StringComparer.Ordinal),
            stored.Select(e => e["event_id"].S).Order(StringComparer.Ordinal));
        var session = await host.Reader.SessionAsync(answers[0].GetProperty("session_id").GetString()!);
        Assert.Equal("2", session!["event_count"].N);
        Assert.Equal(answers[0].GetProperty("session_id").GetString(), answers[1].GetProperty("session_id").GetString());
    }

    /// <summary>What a client does with a 503: wait and send the same body again, a bounded number of times.</summary>
    private static async Task<JsonElement> PostUntilAcceptedAsync(LocalHostProcess host, string body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await host.Http.PostAsync(body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.JsonAsync();
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10,
                $"attempt {attempt} after recovery answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var wait = int.Parse(response.Header("Retry-After") ?? "1", CultureInfo.InvariantCulture);
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(wait, 1)));
        }
    }
}
