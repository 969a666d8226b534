namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// Our own list of well-known referrers: search engines, social networks, communities, AI assistants and web
/// mail. It was written for LiveInsight from the services' public domains; no third-party list was copied.
/// <see cref="ReferrerSources"/> reads it. To add a source, add a row; the tests check the table's shape.
/// </summary>
internal static class ReferrerSourceTable
{
    /// <summary>
    /// A domain names every host under it too (<c>reddit.com</c> covers <c>old.reddit.com</c>); the longest
    /// match wins, so <c>mail.google.com</c> is Gmail while <c>google.com</c> is Google.
    /// </summary>
    public static readonly (string Domain, string Name)[] Domains =
    [
        // Search engines. Google, Yahoo!, Yandex and Pinterest also appear under many country domains: see Brands.
        ("bing.com", "Bing"),
        ("duckduckgo.com", "DuckDuckGo"),
        ("ya.ru", "Yandex"),
        ("baidu.com", "Baidu"),
        ("ecosia.org", "Ecosia"),
        ("search.brave.com", "Brave Search"),
        ("startpage.com", "Startpage"),
        ("qwant.com", "Qwant"),
        ("naver.com", "Naver"),
        ("daum.net", "Daum"),
        ("seznam.cz", "Seznam"),
        ("sogou.com", "Sogou"),
        ("so.com", "360 Search"),
        ("kagi.com", "Kagi"),
        ("mojeek.com", "Mojeek"),
        ("ask.com", "Ask.com"),
        ("search.aol.com", "AOL"),
        ("petalsearch.com", "Petal Search"),
        ("you.com", "You.com"),
        ("googleadservices.com", "Google"),
        ("syndicatedsearch.goog", "Google"),
        ("news.google.com", "Google News"),

        // Social networks and messengers.
        ("facebook.com", "Facebook"),
        ("fb.com", "Facebook"),
        ("fb.me", "Facebook"),
        ("messenger.com", "Messenger"),
        ("instagram.com", "Instagram"),
        ("t.co", "Twitter"),
        ("twitter.com", "Twitter"),
        ("x.com", "Twitter"),
        ("linkedin.com", "LinkedIn"),
        ("lnkd.in", "LinkedIn"),
        ("xing.com", "XING"),
        ("reddit.com", "Reddit"),
        ("redd.it", "Reddit"),
        ("youtube.com", "YouTube"),
        ("youtu.be", "YouTube"),
        ("pin.it", "Pinterest"),
        ("tiktok.com", "TikTok"),
        ("threads.net", "Threads"),
        ("threads.com", "Threads"),
        ("bsky.app", "Bluesky"),
        // Mastodon has thousands of instances with their own domains; only the flagship one is named.
        ("mastodon.social", "Mastodon"),
        ("tumblr.com", "Tumblr"),
        ("snapchat.com", "Snapchat"),
        ("vk.com", "VK"),
        ("vk.ru", "VK"),
        ("ok.ru", "Odnoklassniki"),
        ("weibo.com", "Weibo"),
        ("weibo.cn", "Weibo"),
        ("discord.com", "Discord"),
        ("discordapp.com", "Discord"),
        ("slack.com", "Slack"),
        ("t.me", "Telegram"),
        ("telegram.org", "Telegram"),
        ("whatsapp.com", "WhatsApp"),
        ("wa.me", "WhatsApp"),
        ("line.me", "LINE"),
        ("twitch.tv", "Twitch"),
        ("vimeo.com", "Vimeo"),

        // Communities, publishing and reading.
        ("news.ycombinator.com", "Hacker News"),
        ("github.com", "GitHub"),
        ("gitlab.com", "GitLab"),
        ("wikipedia.org", "Wikipedia"),
        ("medium.com", "Medium"),
        ("substack.com", "Substack"),
        ("stackoverflow.com", "Stack Overflow"),
        ("stackexchange.com", "Stack Exchange"),
        ("quora.com", "Quora"),
        ("producthunt.com", "Product Hunt"),
        ("lobste.rs", "Lobsters"),
        ("dev.to", "DEV Community"),
        ("indiehackers.com", "Indie Hackers"),
        ("flipboard.com", "Flipboard"),
        ("feedly.com", "Feedly"),

        // AI assistants.
        ("chatgpt.com", "ChatGPT"),
        ("chat.openai.com", "ChatGPT"),
        ("perplexity.ai", "Perplexity"),
        ("claude.ai", "Claude"),
        ("gemini.google.com", "Gemini"),
        ("bard.google.com", "Gemini"),
        ("copilot.microsoft.com", "Copilot"),
        ("chat.deepseek.com", "DeepSeek"),
        ("chat.mistral.ai", "Mistral"),
        ("grok.com", "Grok"),
        ("phind.com", "Phind"),

        // Web mail.
        ("mail.google.com", "Gmail"),
        ("outlook.live.com", "Outlook"),
        ("outlook.office.com", "Outlook"),
        ("outlook.office365.com", "Outlook"),
        ("mail.yahoo.com", "Yahoo! Mail"),
    ];

    /// <summary>
    /// Brands that serve search under country domains: the label before a country ending such as <c>.de</c>,
    /// <c>.co.uk</c> or <c>.com.br</c> (see <see cref="ReferrerSources"/>). A domain in <see cref="Domains"/> wins.
    /// </summary>
    public static readonly (string Label, string Name)[] Brands =
    [
        ("google", "Google"),
        ("yahoo", "Yahoo!"),
        ("yandex", "Yandex"),
        ("pinterest", "Pinterest"),
    ];

    /// <summary>
    /// Short campaign tags that name a source but are not its name or domain (<c>utm_source=fb</c>). The names
    /// themselves, squeezed to lower-case letters and digits, are tags already (<c>hackernews</c>, <c>yahoo</c>).
    /// </summary>
    public static readonly (string Tag, string Name)[] CampaignTags =
    [
        ("fb", "Facebook"),
        ("ig", "Instagram"),
        ("x", "Twitter"),
        ("hn", "Hacker News"),
        ("ycombinator", "Hacker News"),
        ("yt", "YouTube"),
        ("brave", "Brave Search"),
        ("openai", "ChatGPT"),
        ("bard", "Gemini"),
        ("bsky", "Bluesky"),
        ("devto", "DEV Community"),
    ];
}
