using LiveInsight.Domain.Events;

namespace LiveInsight.Function.Api;

/// <summary>
/// The one error contract: <c>{"error":{"code","message","details"}}</c>. Codes are stable snake_case
/// that clients may branch on; messages are for people. No value a client sent is ever quoted back; the
/// one echo is the name of an unknown field, cut to 64 characters with control characters replaced, and
/// JSON-escaped like every string in the answer (so <c>&lt;</c> leaves as <c><</c>).
/// </summary>
public static class ErrorCodes
{
    public const string MalformedJson = "malformed_json";
    public const string InvalidEncoding = "invalid_encoding";
    public const string InvalidBody = "invalid_body";
    public const string ValidationFailed = "validation_failed";
    public const string SiteNotAllowed = "site_not_allowed";
    public const string NotFound = "not_found";
    /// <summary>The local host's answer to a non-loopback client on an IAM-only route (export, erasure).</summary>
    public const string Forbidden = "forbidden";
    public const string SessionNotFound = "session_not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string StoreUnavailable = "store_unavailable";
    public const string InternalError = "internal_error";
    /// <summary>Telemetry only: a refused stats request, which is answered in Plausible's error shape.</summary>
    public const string InvalidStatsQuery = "invalid_stats_query";
}

/// <summary>The body of an error response.</summary>
public sealed record ErrorEnvelope(ErrorBody Error);

/// <summary>What went wrong, with a detail per field where fields are at fault.</summary>
public sealed record ErrorBody(string Code, string Message, IReadOnlyList<FieldProblem> Details);
