namespace LiveInsight.Domain.Events;

/// <summary>The parsed body of <c>POST /events</c>: one event, or a batch of them.</summary>
public sealed record EventPayload(IReadOnlyList<EventDraft> Drafts, bool IsBatch);

/// <summary>Why a whole body was refused before any event in it could be looked at.</summary>
public enum PayloadErrorKind
{
    MalformedJson,
    InvalidEncoding,
    WrongShape,
    TooLarge,
}

/// <summary>A body-level refusal: the payload as a whole is unusable.</summary>
public sealed record PayloadError(PayloadErrorKind Kind, string Message);
