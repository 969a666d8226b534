namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// The <see cref="UserAgentProfile"/> of a request's User-Agent, read once per distinct User-Agent and then
/// remembered: a first reading runs the bot list and uap-core's rules (hundreds of microseconds on the regex
/// interpreter Native AOT uses), a remembered one is a dictionary lookup. See ADR 0018.
/// </summary>
public static class UserAgentProfiles
{
    /// <summary>
    /// Entries per generation of the cache, so at most twice this many User-Agents are held (ADR 0018): a site's
    /// visitors mostly share a few hundred current browser builds, and 4,096 keys of at most
    /// <see cref="UserAgentParser.MaxExaminedLength"/> characters stay under 9 MB even when every one is a
    /// made-up User-Agent of the longest length examined (under 2 MB for real ones).
    /// </summary>
    public const int GenerationCapacity = 2048;

    private static readonly UserAgentCache Cache = new(GenerationCapacity, UserAgentParser.Parse);

    /// <summary>
    /// What <paramref name="userAgent"/> says: bot or not, browser, OS, device class. The cache holds the
    /// User-Agent only in memory, as its key; nothing here logs or stores it.
    /// </summary>
    public static UserAgentProfile Get(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? UserAgentProfile.None : Cache.Get(UserAgentParser.Examined(userAgent));
}
