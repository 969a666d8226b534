using System.Text.Json;

namespace LiveInsight.Domain.Events;

/// <summary>
/// An event as the client sent it, after JSON parsing but before validation. Fields of the wrong JSON
/// type are already reported as problems and left null here.
/// </summary>
public sealed record EventDraft
{
    public string? UserId { get; init; }
    public string? SessionId { get; init; }
    public string? EventType { get; init; }
    public string? PageUrl { get; init; }
    public string? Referrer { get; init; }
    public JsonElement? Properties { get; init; }
    public string? ClientEventId { get; init; }

    /// <summary>
    /// The JSON number as sent, whole or not; <see cref="double.PositiveInfinity"/> when it overflows a double.
    /// Whether it is a usable width is <see cref="EventValidator"/>'s rule.
    /// </summary>
    public double? ScreenWidth { get; init; }
    public IReadOnlyList<FieldProblem> ParseProblems { get; init; } = [];
}
