using LiveInsight.Domain.Events;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;
using LiveInsight.Storage.DynamoDb;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>The session-record update, checked as text: no DynamoDB needed.</summary>
public sealed class SessionUpdateExpressionTests
{
    private static readonly DateTimeOffset Started = new(2025, 9, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionState Session = new("sess_20250905_00000000000000aa", "u", Started, Started.AddMinutes(30), Started);

    private static SessionWrite Write(bool startsSession, string? referrer, params (string Type, string Page, int Seconds)[] events) =>
        WriteWithIds(startsSession, referrer, events.Select(e => (e.Type, e.Page, e.Seconds, (string?)null)).ToArray());

    private static SessionWrite WriteWithIds(bool startsSession, string? referrer, params (string Type, string Page, int Seconds, string? ClientEventId)[] events) => new(
        Session, startsSession, refreshesExpiry: false, Started.AddMinutes(30),
        events.Select((e, i) => new PreparedEvent(
            $"evt_{i}", Started.AddSeconds(e.Seconds), Session.SessionId,
            new TrackedEvent("u", null, e.Type, e.Page, i == 0 ? referrer : null, null, e.ClientEventId))).ToList());

    private static byte[] Bytes(AttributeValue value) => value.B.ToArray();

    [Fact]
    public void StartingWrite_SetsEntryPageAndReferrerOutright()
    {
        var update = SessionUpdateExpression.For(Write(true, "https://ref.example", ("page_view", "https://example.com/a", 0)), "Sessions");

        Assert.Equal(
            "SET #user = if_not_exists(#user, :user), #started = if_not_exists(#started, :started), #last = :last, #exit = :exit, " +
            "#duration = :duration, #entry = :entry, #referrer = :referrer ADD #events :events, #views :views " +
            "REMOVE #f0, #f1, #f2, #f3, #f4, #f5, #f6, #f7, #f8, #f9, #f10, #f11",
            update.UpdateExpression);
        Assert.Equal("https://ref.example", update.ExpressionAttributeValues[":referrer"].S);
        Assert.Equal("Sessions", update.TableName);
        Assert.Equal("sess_20250905_00000000000000aa", update.Key["session_id"].S);
    }

    private static SessionWrite WriteWithAttributes(bool startsSession, params (string Name, string Value)[] attributes) => new(
        Session, startsSession, refreshesExpiry: false, Started.AddMinutes(30),
        [
            new PreparedEvent("evt_0", Started, Session.SessionId,
                new TrackedEvent("u", null, "page_view", "https://example.com/a", null, null, null)
                {
                    Site = "example.com",
                    Attributes = attributes.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)).ToList(),
                }),
        ]);

    private static string? ValueSetFor(UpdateItemRequest update, string attribute)
    {
        var placeholder = update.ExpressionAttributeNames.Single(n => n.Value == attribute).Key;
        var match = System.Text.RegularExpressions.Regex.Match(update.UpdateExpression, placeholder + @" = (?:if_not_exists\([^)]*\)|(:\w+))");
        return match.Success ? update.ExpressionAttributeValues[match.Groups[1].Success ? match.Groups[1].Value : ":" + placeholder[1..]].S : null;
    }

    [Fact]
    public void StartingWrite_SetsTheVisitsFirstValuesOutrightAndRemovesTheAbsentOnes()
    {
        var update = SessionUpdateExpression.For(
            WriteWithAttributes(true, ("site", "example.com"), ("utm_source", "newsletter"), ("browser", "Firefox"), ("pathname", "/a")), "Sessions");

        Assert.Equal("newsletter", ValueSetFor(update, "utm_source"));
        Assert.Equal("Firefox", ValueSetFor(update, "browser"));
        Assert.Equal("example.com", ValueSetFor(update, "site"));
        Assert.DoesNotContain(update.ExpressionAttributeNames, n => n.Value == "pathname");
        var removed = update.UpdateExpression[(update.UpdateExpression.IndexOf(" REMOVE ", StringComparison.Ordinal) + 8)..]
            .Split(", ").Select(p => update.ExpressionAttributeNames[p]).ToHashSet();
        Assert.Contains("country", removed);
        Assert.Contains("utm_campaign", removed);
        Assert.DoesNotContain("utm_source", removed);
    }

    [Fact]
    public void JoiningWrite_LeavesTheVisitsFirstValuesAlone_ButFillsAMissingSite()
    {
        var update = SessionUpdateExpression.For(WriteWithAttributes(false, ("site", "example.com"), ("utm_source", "later"), ("country", "FR")), "Sessions");

        Assert.DoesNotContain(update.ExpressionAttributeNames, n => n.Value is "utm_source" or "country");
        var site = update.ExpressionAttributeNames.Single(n => n.Value == "site").Key;
        Assert.Contains($"{site} = if_not_exists({site}, ", update.UpdateExpression, StringComparison.Ordinal);
        Assert.DoesNotContain("REMOVE", update.UpdateExpression, StringComparison.Ordinal);
    }

    [Fact]
    public void JoiningWrite_SetsEntryPageAndReferrerOnlyIfMissing()
    {
        var update = SessionUpdateExpression.For(Write(false, "https://ref.example", ("click", "https://example.com/b", 10)), "Sessions");

        Assert.Contains("#entry = if_not_exists(#entry, :entry)", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Contains("#referrer = if_not_exists(#referrer, :referrer)", update.UpdateExpression, StringComparison.Ordinal);
        Assert.DoesNotContain("REMOVE", update.UpdateExpression, StringComparison.Ordinal);
    }

    [Fact]
    public void StartingWriteWithoutReferrer_RemovesOneARacingJoinerSet()
    {
        var update = SessionUpdateExpression.For(Write(true, null, ("page_view", "https://example.com/a", 0)), "Sessions");

        Assert.EndsWith(", #f11, #referrer", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Equal("referrer", update.ExpressionAttributeNames["#referrer"]);
        Assert.False(update.ExpressionAttributeValues.ContainsKey(":referrer"));
    }

    [Fact]
    public void JoiningWriteWithoutReferrer_LeavesTheReferrerAlone()
    {
        var update = SessionUpdateExpression.For(Write(false, null, ("page_view", "https://example.com/a", 0)), "Sessions");

        Assert.DoesNotContain("#referrer", update.UpdateExpression, StringComparison.Ordinal);
        Assert.False(update.ExpressionAttributeNames.ContainsKey("#referrer"));
    }

    [Fact]
    public void Counters_AddTheAggregateAndTheLatestPageAndDurationAreSet()
    {
        var update = SessionUpdateExpression.For(
            Write(false, null, ("page_view", "https://example.com/a", 60), ("click", "https://example.com/b", 90), ("page_view", "https://example.com/c", 125)),
            "Sessions");

        var values = update.ExpressionAttributeValues;
        Assert.Equal("3", values[":events"].N);
        Assert.Equal("2", values[":views"].N);
        Assert.Equal("https://example.com/a", values[":entry"].S);
        Assert.Equal("https://example.com/c", values[":exit"].S);
        Assert.Equal("125", values[":duration"].N);
        Assert.Equal("2025-09-05T12:02:05.000Z", values[":last"].S);
        Assert.Equal("2025-09-05T12:00:00.000Z", values[":started"].S);
    }

    [Fact]
    public void EveryPlaceholder_IsDefinedAndEveryDefinitionIsUsed()
    {
        foreach (var write in new[] { Write(true, null, ("page_view", "/a", 0)), Write(false, "r", ("page_view", "/a", 0)) })
        {
            var update = SessionUpdateExpression.For(write, "Sessions");
            var used = System.Text.RegularExpressions.Regex.Matches(update.UpdateExpression, "[#:][a-z]+[0-9]*").Select(m => m.Value).ToHashSet();

            Assert.Equal(used.Where(u => u[0] == '#').Order(), update.ExpressionAttributeNames.Keys.Order());
            Assert.Equal(used.Where(u => u[0] == ':').Order(), update.ExpressionAttributeValues.Keys.Order());
        }
    }

    [Fact]
    public void EventsWithoutClientEventId_AreAddedWithoutGuardOrCondition()
    {
        var update = SessionUpdateExpression.For(Write(false, null, ("page_view", "https://example.com/a", 0)), "Sessions");

        Assert.Null(update.ConditionExpression);
        Assert.DoesNotContain("#guards", update.UpdateExpression, StringComparison.Ordinal);
        Assert.False(update.ExpressionAttributeNames.ContainsKey("#guards"));
    }

    [Fact]
    public void EventsWithClientEventId_AddTheirGuardsOnlyIfNoneIsThere()
    {
        var update = SessionUpdateExpression.For(
            WriteWithIds(false, null, ("page_view", "https://example.com/a", 0, "c-1"), ("click", "https://example.com/a", 1, null), ("click", "https://example.com/b", 2, "c-2")),
            "Sessions");

        Assert.EndsWith("ADD #events :events, #views :views, #guards :guards", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Equal("NOT contains(#guards, :g0) AND NOT contains(#guards, :g1)", update.ConditionExpression);
        Assert.Equal("counted", update.ExpressionAttributeNames["#guards"]);
        Assert.Equal(CountGuards.Of("c-1"), Bytes(update.ExpressionAttributeValues[":g0"]));
        Assert.Equal(CountGuards.Of("c-2"), Bytes(update.ExpressionAttributeValues[":g1"]));
        Assert.Equal(
            new[] { CountGuards.Of("c-1"), CountGuards.Of("c-2") },
            update.ExpressionAttributeValues[":guards"].BS.Select(m => m.ToArray()));
        Assert.Equal("3", update.ExpressionAttributeValues[":events"].N);
        Assert.Equal(ReturnValuesOnConditionCheckFailure.ALL_OLD, update.ReturnValuesOnConditionCheckFailure);
    }

    [Fact]
    public void Guard_IsEightBytesOfTheClientEventIdsHashAndTellsIdsApart()
    {
        Assert.Equal(8, CountGuards.Of("5f0c2b9e-1d7a-4a5e-9a51-3c1f0d2b7e11").Length);
        Assert.Equal(CountGuards.Of("a"), CountGuards.Of("a"));
        Assert.NotEqual(CountGuards.Of("a"), CountGuards.Of("b"));
        Assert.True(CountGuards.Contains([new MemoryStream(CountGuards.Of("b")), new MemoryStream(CountGuards.Of("a"))], CountGuards.Of("a")));
        Assert.False(CountGuards.Contains([new MemoryStream(CountGuards.Of("b"))], CountGuards.Of("a")));
        Assert.False(CountGuards.Contains(null, CountGuards.Of("a")));
    }

    [Fact]
    public void Completion_CountsButSetsTheLatestActivityOnlyWhereTheRecordHasNone()
    {
        var update = SessionUpdateExpression.For(
            WriteWithIds(false, null, ("page_view", "https://example.com/a", 30, "c-1")), "Sessions", CountMode.Completion);

        Assert.Contains("#last = if_not_exists(#last, :last)", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Contains("#exit = if_not_exists(#exit, :exit)", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Contains("#duration = if_not_exists(#duration, :duration)", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Contains("ADD #events :events, #views :views, #guards :guards", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Equal("NOT contains(#guards, :g0)", update.ConditionExpression);
    }

    [Fact]
    public void CompletionOfTheSessionsFirstEvent_SetsEntryPageAndReferrerOutright()
    {
        var update = SessionUpdateExpression.For(
            WriteWithIds(true, "https://ref.example", ("page_view", "https://example.com/a", 0, "c-1")), "Sessions", CountMode.Completion);

        Assert.Contains("#entry = :entry", update.UpdateExpression, StringComparison.Ordinal);
        Assert.Contains("#referrer = :referrer", update.UpdateExpression, StringComparison.Ordinal);
    }

    [Fact]
    public void GuardedPlaceholders_AreDefinedAndUsed()
    {
        foreach (var mode in new[] { CountMode.Own, CountMode.Completion })
        {
            var update = SessionUpdateExpression.For(
                WriteWithIds(true, "r", ("page_view", "/a", 0, "x"), ("click", "/b", 1, "y")), "Sessions", mode);
            var text = update.UpdateExpression + " " + update.ConditionExpression;
            var used = System.Text.RegularExpressions.Regex.Matches(text, "[#:][a-z0-9]+").Select(m => m.Value).ToHashSet();

            Assert.Equal(used.Where(u => u[0] == '#').Order(), update.ExpressionAttributeNames.Keys.Order());
            Assert.Equal(used.Where(u => u[0] == ':').Order(), update.ExpressionAttributeValues.Keys.Order());
        }
    }
}
