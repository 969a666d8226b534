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

    /// <summary>1 when the request was a bot's and nothing of it was stored (ADR 0017).</summary>
    public int BotRequestsDropped { get; set; }

    /// <summary>Events in the request body (1 for a single event); 0 when no events were sent.</summary>
    public int BatchSize { get; set; }
    public double? StoreLatencyMs { get; set; }

    /// <summary>The error code of the answer, or the reason items were refused.</summary>
    public string? ErrorCode { get; set; }
    public bool ColdStart { get; set; }

    /// <summary>The exception behind a 5xx, logged by type only (messages may hold input).</summary>
    public string? ExceptionType { get; set; }
}
