using static LiveInsight.Domain.Tests.Enrichment.EnrichmentTestEvents;

namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class ReferrerTests
{
    private const string Page = "https://example.com/landing";

    [Theory]
    // Search engines, Google under its country domains.
    [InlineData("https://www.google.com/", "google.com", "Google")]
    [InlineData("https://www.google.co.uk/", "google.co.uk", "Google")]
    [InlineData("https://www.google.de/search?q=x", "google.de", "Google")]
    [InlineData("https://www.google.com.br/", "google.com.br", "Google")]
    [InlineData("https://google.co.jp/", "google.co.jp", "Google")]
    [InlineData("https://images.google.fr/", "images.google.fr", "Google")]
    [InlineData("https://www.googleadservices.com/pagead/aclk", "googleadservices.com", "Google")]
    [InlineData("https://news.google.com/", "news.google.com", "Google News")]
    [InlineData("https://www.bing.com/search?q=x", "bing.com", "Bing")]
    [InlineData("https://cn.bing.com/", "cn.bing.com", "Bing")]
    [InlineData("https://duckduckgo.com/", "duckduckgo.com", "DuckDuckGo")]
    [InlineData("https://search.yahoo.com/", "search.yahoo.com", "Yahoo!")]
    [InlineData("https://search.yahoo.co.jp/", "search.yahoo.co.jp", "Yahoo!")]
    [InlineData("https://yandex.ru/", "yandex.ru", "Yandex")]
    [InlineData("https://yandex.com.tr/", "yandex.com.tr", "Yandex")]
    [InlineData("https://ya.ru/", "ya.ru", "Yandex")]
    [InlineData("https://www.baidu.com/", "baidu.com", "Baidu")]
    [InlineData("https://www.ecosia.org/", "ecosia.org", "Ecosia")]
    [InlineData("https://search.brave.com/", "search.brave.com", "Brave Search")]
    [InlineData("https://www.startpage.com/", "startpage.com", "Startpage")]
    [InlineData("https://www.qwant.com/", "qwant.com", "Qwant")]
    [InlineData("https://search.naver.com/", "search.naver.com", "Naver")]
    [InlineData("https://kagi.com/", "kagi.com", "Kagi")]
    // Social networks, with their link shims and short links.
    [InlineData("https://www.facebook.com/", "facebook.com", "Facebook")]
    [InlineData("https://m.facebook.com/", "m.facebook.com", "Facebook")]
    [InlineData("https://l.facebook.com/", "l.facebook.com", "Facebook")]
    [InlineData("https://lm.facebook.com/", "lm.facebook.com", "Facebook")]
    [InlineData("https://fb.me/abc", "fb.me", "Facebook")]
    [InlineData("https://l.instagram.com/", "l.instagram.com", "Instagram")]
    [InlineData("https://t.co/abc", "t.co", "Twitter")]
    [InlineData("https://twitter.com/", "twitter.com", "Twitter")]
    [InlineData("https://x.com/", "x.com", "Twitter")]
    [InlineData("https://www.linkedin.com/", "linkedin.com", "LinkedIn")]
    [InlineData("https://lnkd.in/abc", "lnkd.in", "LinkedIn")]
    [InlineData("https://www.reddit.com/", "reddit.com", "Reddit")]
    [InlineData("https://old.reddit.com/", "old.reddit.com", "Reddit")]
    [InlineData("https://out.reddit.com/", "out.reddit.com", "Reddit")]
    [InlineData("https://www.youtube.com/", "youtube.com", "YouTube")]
    [InlineData("https://m.youtube.com/", "m.youtube.com", "YouTube")]
    [InlineData("https://youtu.be/abc", "youtu.be", "YouTube")]
    [InlineData("https://www.pinterest.com/", "pinterest.com", "Pinterest")]
    [InlineData("https://www.pinterest.co.uk/", "pinterest.co.uk", "Pinterest")]
    [InlineData("https://www.tiktok.com/", "tiktok.com", "TikTok")]
    [InlineData("https://www.threads.net/", "threads.net", "Threads")]
    [InlineData("https://bsky.app/", "bsky.app", "Bluesky")]
    [InlineData("https://discord.com/", "discord.com", "Discord")]
    [InlineData("https://app.slack.com/", "app.slack.com", "Slack")]
    [InlineData("https://t.me/channel", "t.me", "Telegram")]
    [InlineData("https://web.whatsapp.com/", "web.whatsapp.com", "WhatsApp")]
    [InlineData("https://vk.com/", "vk.com", "VK")]
    [InlineData("https://weibo.com/", "weibo.com", "Weibo")]
    // Communities and publishing.
    [InlineData("https://news.ycombinator.com/item?id=1", "news.ycombinator.com", "Hacker News")]
    [InlineData("https://github.com/org/repo", "github.com", "GitHub")]
    [InlineData("https://en.wikipedia.org/wiki/X", "en.wikipedia.org", "Wikipedia")]
    [InlineData("https://de.m.wikipedia.org/wiki/X", "de.m.wikipedia.org", "Wikipedia")]
    [InlineData("https://medium.com/", "medium.com", "Medium")]
    [InlineData("https://someone.substack.com/", "someone.substack.com", "Substack")]
    [InlineData("https://stackoverflow.com/q/1", "stackoverflow.com", "Stack Overflow")]
    [InlineData("https://www.quora.com/", "quora.com", "Quora")]
    [InlineData("https://www.producthunt.com/", "producthunt.com", "Product Hunt")]
    [InlineData("https://lobste.rs/", "lobste.rs", "Lobsters")]
    [InlineData("https://dev.to/", "dev.to", "DEV Community")]
    // AI assistants and web mail.
    [InlineData("https://chatgpt.com/", "chatgpt.com", "ChatGPT")]
    [InlineData("https://chat.openai.com/", "chat.openai.com", "ChatGPT")]
    [InlineData("https://www.perplexity.ai/", "perplexity.ai", "Perplexity")]
    [InlineData("https://claude.ai/", "claude.ai", "Claude")]
    [InlineData("https://gemini.google.com/", "gemini.google.com", "Gemini")]
    [InlineData("https://copilot.microsoft.com/", "copilot.microsoft.com", "Copilot")]
    [InlineData("https://mail.google.com/", "mail.google.com", "Gmail")]
    public void WellKnownReferrer_IsNamed(string referrer, string domain, string source)
    {
        var enrichment = Enrich(Page, referrer);

        Assert.Equal(domain, enrichment.ReferrerDomain);
        Assert.Equal(source, enrichment.ReferrerSource);
    }

    [Theory]
    [InlineData("https://blog.other.org/post", "blog.other.org")]
    [InlineData("https://www.Other.ORG/", "other.org")]
    [InlineData("https://google.evil.example/", "google.evil.example")]
    [InlineData("https://google.com.evil.example/", "google.com.evil.example")]
    [InlineData("https://notgoogle.com/", "notgoogle.com")]
    [InlineData("https://xt.co/", "xt.co")]
    [InlineData("https://reddit.com.example.net/", "reddit.com.example.net")]
    [InlineData("https://mastodon.example/@me", "mastodon.example")]
    public void UnknownReferrer_IsNamedByItsDomain(string referrer, string domain)
    {
        var enrichment = Enrich(Page, referrer);

        Assert.Equal(domain, enrichment.ReferrerDomain);
        Assert.Equal(domain, enrichment.ReferrerSource);
    }

    [Theory]
    [InlineData("https://example.com/", "https://example.com/other", "example.com")]
    [InlineData("https://example.com/", "https://www.example.com/other", "example.com")]
    [InlineData("https://www.example.com/", "http://EXAMPLE.com/", "example.com")]
    [InlineData("https://app.example.com/", "https://example.com/", "example.com")]
    [InlineData("https://example.com/", "https://blog.example.com/", "example.com")]
    [InlineData("https://app.example.com/", "https://app.example.com/", "app.example.com")]
    [InlineData("https://shop.example.com/", "https://shop.example.com/cart", "")]
    public void InternalReferrer_KeepsItsDomainButHasNoSource(string page, string referrer, string site)
    {
        var enrichment = Enrich(page, referrer, site: site);

        Assert.NotNull(enrichment.ReferrerDomain);
        Assert.Null(enrichment.ReferrerSource);
    }

    [Theory]
    [InlineData("https://app.example.com/", "https://example.com/", "app.example.com", "example.com")]
    [InlineData("https://example.com/", "https://notexample.com/", "example.com", "notexample.com")]
    [InlineData("https://example.com/", "https://example.com.evil.example/", "example.com", "example.com.evil.example")]
    public void ReferrerOutsideTheSite_IsExternal(string page, string referrer, string site, string source) =>
        Assert.Equal(source, Enrich(page, referrer, site: site).ReferrerSource);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("android-app://com.google.android.gm/")]
    [InlineData("ftp://files.example.org/")]
    [InlineData("about:blank")]
    [InlineData("not a url")]
    public void NoOrNonHttpReferrer_HasNeitherDomainNorSource(string? referrer)
    {
        var enrichment = Enrich(Page, referrer);

        Assert.Null(enrichment.ReferrerDomain);
        Assert.Null(enrichment.ReferrerSource);
    }

    [Fact]
    public void EveryTableRow_IsFoundByItsDomainAndItsSubdomains()
    {
        foreach (var (domain, name) in ReferrerSourceTable.Domains)
        {
            Assert.Equal(name, ReferrerSources.ForHost(domain));
            Assert.Equal(name, ReferrerSources.ForHost("www." + domain));
            Assert.Equal(name, ReferrerSources.ForHost("deep.sub." + domain.ToUpperInvariant()));
        }
    }

    [Fact]
    public void EveryBrand_IsFoundUnderCountryDomains()
    {
        foreach (var (label, name) in ReferrerSourceTable.Brands)
        {
            foreach (var ending in new[] { "com", "de", "co.uk", "com.au", "net" })
            {
                Assert.Equal(name, ReferrerSources.ForHost($"{label}.{ending}"));
            }

            Assert.Null(ReferrerSources.ForHost($"{label}.example.info"));
            Assert.Null(ReferrerSources.ForHost($"{label}.co.example.de"));
        }
    }

    [Fact]
    public void Table_NamesAtLeastSixtySourcesWithLowerCaseUniqueDomains()
    {
        var domains = ReferrerSourceTable.Domains.Select(r => r.Domain).ToList();

        Assert.True(ReferrerSources.Names.Count >= 60, $"only {ReferrerSources.Names.Count} names");
        Assert.Equal(domains.Count, domains.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(domains, d => Assert.Equal(d.ToLowerInvariant(), d));
        Assert.All(domains, d => Assert.False(d.StartsWith("www.", StringComparison.Ordinal), d));
    }
}
