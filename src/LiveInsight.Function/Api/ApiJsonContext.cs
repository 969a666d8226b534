using System.Text.Json.Serialization;
using LiveInsight.Domain.Events;

namespace LiveInsight.Function.Api;

/// <summary>Every type the API writes, serialized by source generation (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EventAcceptedResponse))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(EventDroppedResponse))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(ActiveSessionsResponse))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(FieldProblem))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(StatsErrorResponse))]
[JsonSerializable(typeof(StatsAggregateResponse))]
[JsonSerializable(typeof(StatsRowsResponse))]
[JsonSerializable(typeof(UserExportResponse))]
[JsonSerializable(typeof(UserErasureResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
