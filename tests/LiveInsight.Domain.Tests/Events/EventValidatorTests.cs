namespace LiveInsight.Domain.Tests.Events;

public sealed class EventValidatorTests
{
    private static (TrackedEvent? Event, IReadOnlyList<FieldProblem> Problems) Validate(string json)
    {
        var (payload, error) = EventParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        return EventValidator.Validate(payload!.Drafts[0]);
    }

    private static string With(string field, string jsonValue)
    {
        var fields = new Dictionary<string, string>
        {
            ["user_id"] = "\"u1\"",
            ["event_type"] = "\"page_view\"",
            ["page_url"] = "\"https://example.com/home\"",
        };
        fields[field] = jsonValue;
        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    [Fact]
    public void Validate_SeedEvent_IsAccepted()
    {
        var (tracked, problems) = Validate("""{"user_id":"test_user_123","event_type":"page_view","page_url":"https://example.com/home","referrer":"https://google.com"}""");

        Assert.Empty(problems);
        Assert.True(tracked!.IsPageView);
        Assert.Equal("https://google.com", tracked.Referrer);
    }

    [Fact]
    public void Validate_MissingRequiredFields_ReportsEachOne()
    {
        // user_id is optional since issue 13: an event without one is an anonymous visitor's.
        var (tracked, problems) = Validate("{}");

        Assert.Null(tracked);
        Assert.Equal(["event_type", "page_url"], problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.Equal("is required", p.Problem));
    }

    [Theory]
    [InlineData("""{"event_type":"page_view","page_url":"https://example.com/"}""")]
    [InlineData("""{"user_id":null,"event_type":"page_view","page_url":"https://example.com/"}""")]
    public void Validate_WithoutUserId_AcceptsTheEventAsNeedingAVisitorId(string json)
    {
        var (tracked, problems) = Validate(json);

        Assert.Empty(problems);
        Assert.True(tracked!.NeedsVisitorId);
        Assert.Equal(TrackedEvent.NoUserId, tracked.UserId);
    }

    [Fact]
    public void Validate_UserIdInTheDerivedAnonForm_IsRefusedAsReserved()
    {
        var (tracked, problems) = Validate("""{"user_id":"anon_0123456789abcdef","event_type":"page_view","page_url":"https://example.com/"}""");

        Assert.Null(tracked);
        var problem = Assert.Single(problems);
        Assert.Equal("user_id", problem.Field);
        Assert.Contains("reserved", problem.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anon_123")]
    [InlineData("anon_0123456789ABCDEF")]
    [InlineData("anon_0123456789abcdef0")]
    [InlineData("anonymous")]
    public void Validate_UserIdThatMerelyStartsWithAnon_IsAnIdentifiedUser(string userId)
    {
        var (tracked, problems) = Validate($$"""{"user_id":"{{userId}}","event_type":"page_view","page_url":"https://example.com/"}""");

        Assert.Empty(problems);
        Assert.Equal(userId, tracked!.UserId);
        Assert.False(tracked.NeedsVisitorId);
    }

    [Fact]
    public void Validate_UserIdOfTheWrongType_IsStillRefused()
    {
        var (tracked, problems) = Validate("""{"user_id":42,"event_type":"page_view","page_url":"https://example.com/"}""");

        Assert.Null(tracked);
        Assert.Equal("user_id", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("user_id", "\"\"")]
    [InlineData("user_id", "\"   \"")]
    [InlineData("user_id", "\"a\\u0000b\"")]
    [InlineData("user_id", "\"tab\\there\"")]
    [InlineData("event_type", "\"Page_View\"")]
    [InlineData("event_type", "\"_view\"")]
    [InlineData("event_type", "\"page view\"")]
    [InlineData("event_type", "\"\"")]
    [InlineData("event_type", "\"click\\n\"")]
    [InlineData("page_url", "\"/relative\"")]
    [InlineData("page_url", "\"//example.com/x\"")]
    [InlineData("page_url", "\"javascript:alert(1)\"")]
    [InlineData("page_url", "\"ftp://example.com/\"")]
    [InlineData("page_url", "\"https://\"")]
    [InlineData("page_url", "\"https://exa mple.com/\"")]
    [InlineData("referrer", "\"data:text/html,hi\"")]
    [InlineData("session_id", "\"abc\"")]
    [InlineData("session_id", "\"sess_2025_1\"")]
    [InlineData("session_id", "\"SESS_20250905_3ef5a49f\"")]
    [InlineData("session_id", "\"sess_20250905_3ef5a49f\\n\"")]
    [InlineData("client_event_id", "\"has space\"")]
    [InlineData("client_event_id", "\"\"")]
    [InlineData("client_event_id", "\"c1\\n\"")]
    public void Validate_BadValue_IsRefusedOnItsField(string field, string value)
    {
        var (tracked, problems) = Validate(With(field, value));

        Assert.Null(tracked);
        Assert.Equal(field, Assert.Single(problems).Field);
    }

    [Fact]
    public void Validate_LimitsAreInclusive()
    {
        var atLimit = With("user_id", $"\"{new string('u', EventLimits.MaxUserIdLength)}\"");
        var overLimit = With("user_id", $"\"{new string('u', EventLimits.MaxUserIdLength + 1)}\"");

        Assert.NotNull(Validate(atLimit).Event);
        Assert.Null(Validate(overLimit).Event);
    }

    [Fact]
    public void Validate_UrlOf2048Characters_IsAcceptedAnd2049Refused()
    {
        const string prefix = "https://example.com/";
        var ok = prefix + new string('a', EventLimits.MaxUrlLength - prefix.Length);
        var tooLong = ok + "a";

        Assert.NotNull(Validate(With("page_url", $"\"{ok}\"")).Event);
        Assert.Null(Validate(With("page_url", $"\"{tooLong}\"")).Event);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Validate_EmptyOrNullReferrer_IsFine(string value)
    {
        var (tracked, _) = Validate(With("referrer", value));

        Assert.NotNull(tracked);
        Assert.Null(tracked.Referrer);
    }

    [Fact]
    public void Validate_PropertiesWithinLimits_AreKept()
    {
        var (tracked, problems) = Validate(With("properties", """{"plan":"pro","seats":3,"tags":["a","b"],"nested":{"deeper":{"ok":true}}}"""));

        Assert.Empty(problems);
        Assert.Equal("pro", tracked!.Properties!.Value.GetProperty("plan").GetString());
    }

    [Theory]
    [InlineData("properties")]
    [InlineData("properties.a.b.c")]
    public void Validate_PropertiesBeyondLimits_AreRefused(string expectedField)
    {
        var json = expectedField == "properties"
            ? "{" + string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"k{i}\":1")) + "}"
            : """{"a":{"b":{"c":{"d":1}}}}""";

        var (tracked, problems) = Validate(With("properties", json));

        Assert.Null(tracked);
        Assert.Equal(expectedField, problems[0].Field);
    }

    [Fact]
    public void Validate_PropertyStringOver1024_IsRefused()
    {
        var (_, problems) = Validate(With("properties", $"{{\"note\":\"{new string('n', 1025)}\"}}"));

        Assert.Equal("properties.note", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("1e400", false)]
    [InlineData("1e-200", false)]
    [InlineData("123456789012345678901234567890123456789", false)]
    [InlineData("12345678901234567890123456789012345678", true)]
    [InlineData("-0.5", true)]
    [InlineData("0", true)]
    public void IsStorableNumber_FollowsDynamoDbNumberRange(string raw, bool storable) =>
        Assert.Equal(storable, EventValidator.IsStorableNumber(raw));

    [Fact]
    public void Validate_ManyProblems_AreAllReportedTogether()
    {
        var (_, problems) = Validate("""{"user_id":"","event_type":"X","page_url":"nope","session_id":"bad"}""");

        Assert.Equal(4, problems.Count);
    }
}
