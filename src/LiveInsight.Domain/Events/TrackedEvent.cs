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

    /// <summary>The screen's width in CSS pixels when the tracker sent it; only used to tell the device class.</summary>
    public int? ScreenWidth { get; init; }

    public bool IsPageView => EventType == PageViewType;
}
