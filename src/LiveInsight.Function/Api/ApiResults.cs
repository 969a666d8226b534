using System.Text.Json.Serialization.Metadata;
using LiveInsight.Domain.Events;

namespace LiveInsight.Function.Api;

/// <summary>Builds proxy responses: JSON bodies, the error contract, and the headers every answer carries.</summary>
internal static class ApiResults
{
    public static APIGatewayProxyResponse Json<T>(int status, T body, JsonTypeInfo<T> type) => new()
    {
        StatusCode = status,
        Body = System.Text.Json.JsonSerializer.Serialize(body, type),
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            // Answers are per-event and must never be cached or sniffed as another type.
            ["Cache-Control"] = "no-store",
            ["X-Content-Type-Options"] = "nosniff",
        },
    };

    public static APIGatewayProxyResponse Error(int status, string code, string message, IReadOnlyList<FieldProblem>? details = null) =>
        Json(status, new ErrorEnvelope(new ErrorBody(code, message, details ?? [])), ApiJsonContext.Default.ErrorEnvelope);

    public static APIGatewayProxyResponse NoContent() => new()
    {
        StatusCode = 204,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Cache-Control"] = "no-store" },
    };
}
