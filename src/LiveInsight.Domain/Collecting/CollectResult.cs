using LiveInsight.Domain.Events;

namespace LiveInsight.Domain.Collecting;

/// <summary>What happened to one event of a request.</summary>
public abstract record ItemResult;

/// <summary>The event is stored (now, or by an earlier attempt with the same client_event_id).</summary>
public sealed record AcceptedItem(string EventId, string SessionId, bool WasDuplicate) : ItemResult;

/// <summary>Why an event was refused.</summary>
public enum RejectionReason
{
    /// <summary>A field breaks a rule of the API (validation_failed).</summary>
    Invalid,

    /// <summary>The page's host is outside the sites this collector serves (SITES).</summary>
    SiteNotAllowed,
}

/// <summary>The event was refused and nothing of it was stored.</summary>
public sealed record RejectedItem(IReadOnlyList<FieldProblem> Problems, RejectionReason Reason = RejectionReason.Invalid) : ItemResult;

/// <summary>The outcome of one request, item by item in input order.</summary>
public sealed record CollectResult(IReadOnlyList<ItemResult> Items, int SessionsStarted, TimeSpan StoreLatency)
{
    public int AcceptedCount => Items.Count(i => i is AcceptedItem);

    public int RejectedCount => Items.Count(i => i is RejectedItem);
}
