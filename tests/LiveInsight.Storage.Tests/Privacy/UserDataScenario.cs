using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Privacy;
using LiveInsight.Storage.Privacy;

namespace LiveInsight.Storage.Tests.Privacy;

/// <summary>
/// Two users on real tables, each with three visits, retried events (client_event_id markers) and a live session, and
/// the raw search for anything of one user left in any table.
/// </summary>
internal sealed class UserDataScenario
{
    public const string Erased = "erase_me";
    public const string Kept = "keep_me";

    private UserDataScenario(CollectorHarness harness) => Harness = harness;

    public CollectorHarness Harness { get; }

    public DynamoDbUserDataStore Store => new(DynamoDbLocal.Instance.Client, Harness.Tables);

    /// <summary>The sessions each user's events went to.</summary>
    public Dictionary<string, HashSet<string>> Sessions { get; } = new(StringComparer.Ordinal) { [Erased] = [], [Kept] = [] };

    public static async Task<UserDataScenario> CreateAsync()
    {
        var scenario = new UserDataScenario(await CollectorHarness.CreateAsync());
        for (var visit = 0; visit < 3; visit++)
        {
            foreach (var user in new[] { Erased, Kept })
            {
                await scenario.VisitAsync(user, visit);
            }

            // Past the idle timeout: the next events start new visits; the last visit stays live.
            scenario.Harness.Clock.Advance(TimeSpan.FromMinutes(31));
        }

        return scenario;
    }

    public UserErasure Erasure(ErasureLimits? limits = null) => new(Store, Harness.Clock, limits ?? ErasureLimits.Default);

    /// <summary>Three page views and a click of one visit, the click sent twice (a retry) and one page view retried.</summary>
    public async Task VisitAsync(string user, int visit)
    {
        for (var page = 0; page < 3; page++)
        {
            var body = Event(userId: user, pageUrl: $"https://example.com/v{visit}/p{page}", clientEventId: $"{user}-v{visit}-p{page}");
            var accepted = await Harness.AcceptAsync(body);
            Sessions[user].Add(accepted.SessionId);
            if (page == 1)
            {
                await Harness.AcceptAsync(body);
            }

            Harness.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        var click = Event(userId: user, eventType: "click", pageUrl: $"https://example.com/v{visit}/p2", clientEventId: $"{user}-v{visit}-click");
        await Harness.AcceptAsync(click);
        await Harness.AcceptAsync(click);
    }

    /// <summary>Every item, in any of the three tables, that belongs to <paramref name="user"/>: by user_id, by key, or by naming one of its sessions.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ItemsOfAsync(string user)
    {
        var reader = Harness.Reader;
        var all = (await reader.EventsAsync()).Concat(await reader.SessionsAsync()).Concat(await reader.ActiveSessionsAsync());
        return all.Where(item => BelongsTo(item, user)).ToList();
    }

    private bool BelongsTo(Dictionary<string, AttributeValue> item, string user) =>
        item.Any(a => a.Value.S is { } text && (text == user || text.StartsWith($"usr#{user}", StringComparison.Ordinal)
            || text.StartsWith($"idem#{user}#", StringComparison.Ordinal) || Sessions[user].Contains(text)));
}
