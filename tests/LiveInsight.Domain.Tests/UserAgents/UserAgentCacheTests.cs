namespace LiveInsight.Domain.Tests.UserAgents;

public sealed class UserAgentCacheTests
{
    private int _parses;

    private UserAgentProfile CountingParse(string userAgent)
    {
        Interlocked.Increment(ref _parses);
        return UserAgentParser.Parse(userAgent);
    }

    [Fact]
    public void Get_ForARepeatedUserAgent_ParsesItOnce()
    {
        var cache = new UserAgentCache(16, CountingParse);

        var first = cache.Get("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0");
        var second = cache.Get("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0");

        Assert.Same(first, second);
        Assert.Equal(1, _parses);
    }

    [Fact]
    public void Get_WhenAParseTimedOut_AnswersButDoesNotKeepTheGuess()
    {
        var timesOut = true;
        var cache = new UserAgentCache(16, userAgent =>
        {
            Interlocked.Increment(ref _parses);
            if (timesOut)
            {
                RegexTimeouts.Record();
            }

            return UserAgentParser.Parse(userAgent);
        });
        const string agent = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

        cache.Get(agent);
        timesOut = false;
        cache.Get(agent);
        cache.Get(agent);

        Assert.Equal(2, _parses);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Get_GivesWhatTheParserGives()
    {
        var cache = new UserAgentCache(8, UserAgentParser.Parse);
        var userAgents = UserAgentCorpus.UserAgents;

        // Twice round, with a capacity far below the list's length: hits, misses and evictions all answer alike.
        foreach (var userAgent in userAgents.Concat(userAgents))
        {
            Assert.Equal(UserAgentParser.Parse(userAgent), cache.Get(userAgent));
        }
    }

    [Fact]
    public void Get_ForAFloodOfDistinctUserAgents_HoldsAtMostTwoGenerations()
    {
        var cache = new UserAgentCache(4, _ => UserAgentProfile.None);

        for (var i = 0; i < 1000; i++)
        {
            cache.Get("flood/" + i);
            Assert.True(cache.Count <= 8, $"{cache.Count} entries after {i + 1} User-Agents");
        }
    }

    [Fact]
    public void Get_ForAUserAgentStillInUse_KeepsItThroughAFlood()
    {
        var cache = new UserAgentCache(4, CountingParse);
        const string regular = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

        for (var i = 0; i < 100; i++)
        {
            cache.Get(regular);
            cache.Get("flood/" + i);
            cache.Get("flood/" + i + "/b");
        }

        // Each round adds two one-offs; the regular one is found, at worst in the previous generation, and copied forward.
        Assert.Equal(201, _parses);
    }

    [Fact]
    public void Get_ForAUserAgentNotSeenForTwoGenerations_ParsesItAgain()
    {
        var cache = new UserAgentCache(2, CountingParse);
        cache.Get("old");
        for (var i = 0; i < 4; i++)
        {
            cache.Get("new/" + i);
        }

        cache.Get("old");

        Assert.Equal(6, _parses);
    }

    [Fact]
    public async Task Get_FromManyThreadsAtOnce_AnswersEachAsTheParserDoesAndStaysBounded()
    {
        // A parse of its own, not the real one: on a starved machine the real one's regex timeouts could give
        // another answer, and this test is about the cache. The real one is checked against the cache above.
        static UserAgentProfile Parse(string userAgent) =>
            new(userAgent.Length % 2 == 0, userAgent, userAgent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, DeviceClass.Mobile);
        var cache = new UserAgentCache(16, Parse);
        var userAgents = Enumerable.Range(0, 100).Select(i => "Mozilla/5.0 client " + i + new string('x', i)).ToList();
        var expected = userAgents.ToDictionary(ua => ua, Parse);
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.Wait();
            var wrong = 0;
            for (var i = 0; i < 2000; i++)
            {
                var userAgent = userAgents[(i * 7 + worker * 13) % userAgents.Count];
                wrong += cache.Get(userAgent) == expected[userAgent] ? 0 : 1;
            }

            return wrong;
        })).ToList();
        start.Set();
        var wrongAnswers = await Task.WhenAll(workers);

        Assert.All(wrongAnswers, wrong => Assert.Equal(0, wrong));
        Assert.True(cache.Count <= 32, $"{cache.Count} entries");
    }
}
