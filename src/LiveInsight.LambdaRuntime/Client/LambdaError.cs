using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime;

/// <summary>The error body the Runtime API accepts on <c>/invocation/{id}/error</c> and <c>/init/error</c>.</summary>
public sealed record LambdaError
{
    /// <summary>A short classification; also sent as the <c>Lambda-Runtime-Function-Error-Type</c> header.</summary>
    [JsonPropertyName("errorType")]
    public required string ErrorType { get; init; }

    /// <summary>What went wrong, for the caller and the logs.</summary>
    [JsonPropertyName("errorMessage")]
    public required string ErrorMessage { get; init; }

    /// <summary>The stack trace, one frame per entry; omitted when there is none.</summary>
    [JsonPropertyName("stackTrace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? StackTrace { get; init; }

    /// <summary>Describes <paramref name="exception"/> the way Lambda's own runtimes do: type name, message, frames.</summary>
    public static LambdaError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var frames = exception.StackTrace?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LambdaError
        {
            ErrorType = exception.GetType().Name,
            ErrorMessage = exception.Message,
            StackTrace = frames is { Length: > 0 } ? frames : null,
        };
    }
}
