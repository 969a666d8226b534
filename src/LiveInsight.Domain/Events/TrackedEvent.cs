using System.Text.Json;

namespace LiveInsight.Domain.Events;

/// <summary>A validated event, ready for session resolution and storage.</summary>
public sealed record TrackedEvent(
    string UserId,
    string? SessionId,
    string EventType,
    string PageUrl,
    string? Referrer,
    JsonElement? Properties,
    string? ClientEventId)
{
    /// <summary>The event type the seed's dashboard counts as a page view.</summary>
    public const string PageViewType = "page_view";

    /// <summary>
    /// The <see cref="UserId"/> of a validated event that came without one. The collector replaces it with the
    /// anonymous visitor's id before anything groups or stores the event; a client cannot send it, because an
    /// empty user_id is refused.
    /// </summary>
    public const string NoUserId = "";

    /// <summary>The site the event is for (docs/adr/0020-cookieless-visitors.md); set by the collector.</summary>
    public string? Site { get; init; }

    /// <summary>True until the collector has given an event without a user_id its visitor's id.</summary>
    public bool NeedsVisitorId => UserId.Length == 0;

    /// <summary>The screen's width in CSS pixels when the tracker sent it; only used to tell the device class.</summary>
    public int? ScreenWidth { get; init; }

    public bool IsPageView => EventType == PageViewType;
}
