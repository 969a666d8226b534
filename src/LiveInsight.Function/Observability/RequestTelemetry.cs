namespace LiveInsight.Function.Observability;

/// <summary>What one request did, gathered while it runs and written once at its end.</summary>
public sealed class RequestTelemetry
{
    public string RequestId { get; set; } = "";

    public string Route { get; set; } = "";
    public string Method { get; set; } = "";
    public int Status { get; set; }

    public int EventsAccepted { get; set; }
    public int EventsRejected { get; set; }
    public int EventsDuplicate { get; set; }
    public int SessionsStarted { get; set; }

    /// <summary>Events deliberately not stored, such as all of a bot's (ADR 0017).</summary>
    public int EventsDropped { get; set; }

    /// <summary>Why <see cref="EventsDropped"/> were dropped (<c>bot</c>).</summary>
    public string? DropReason { get; set; }

    /// <summary>Events in the request body (1 for a single event); 0 when no events were sent.</summary>
    public int BatchSize { get; set; }
    public double? StoreLatencyMs { get; set; }

    /// <summary>The error code of the answer, or the reason items were refused.</summary>
    public string? ErrorCode { get; set; }
    public bool ColdStart { get; set; }

    /// <summary>The exception behind a 5xx, logged by type only (messages may hold input).</summary>
    public string? ExceptionType { get; set; }
}
