namespace LiveInsight.Testing;

/// <summary>The seed's test request, the curl in the README: the body every suite must see accepted.</summary>
public static class SeedEvent
{
    /// <summary>Byte for byte what the seed's curl sends.</summary>
    public const string Body =
        """{"user_id":"test_user_123","event_type":"page_view","page_url":"https://example.com/home","referrer":"https://google.com"}""";
}
