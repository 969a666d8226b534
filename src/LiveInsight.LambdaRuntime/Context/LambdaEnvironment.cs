using System.Globalization;

namespace LiveInsight.LambdaRuntime;

/// <summary>The reserved environment variables Lambda sets for a custom runtime, read once at start-up.</summary>
public sealed class LambdaEnvironment
{
    /// <summary>host:port of the Runtime API.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The function's name.</summary>
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>The version being executed ($LATEST or a number).</summary>
    public const string FunctionVersionVariable = "AWS_LAMBDA_FUNCTION_VERSION";

    /// <summary>The configured memory, in MB.</summary>
    public const string MemorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    /// <summary>The X-Ray trace header of the current invocation; the AWS SDKs read it from here.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private readonly IEnvironmentVariables _variables;

    /// <summary>Reads the Lambda variables through <paramref name="variables"/>.</summary>
    public LambdaEnvironment(IEnvironmentVariables variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _variables = variables;
        RuntimeApi = variables.Get(RuntimeApiVariable);
        FunctionName = variables.Get(FunctionNameVariable) ?? string.Empty;
        FunctionVersion = variables.Get(FunctionVersionVariable) ?? string.Empty;
        MemoryLimitInMB = int.TryParse(variables.Get(MemorySizeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var memory)
            ? memory
            : 0;
    }

    /// <summary>The environment of this process.</summary>
    public static LambdaEnvironment FromProcess() => new(SystemEnvironmentVariables.Instance);

    /// <summary>host:port of the Runtime API, or <see langword="null"/> when not running inside Lambda.</summary>
    public string? RuntimeApi { get; }

    /// <summary>The function's name; empty outside Lambda.</summary>
    public string FunctionName { get; }

    /// <summary>The function version; empty outside Lambda.</summary>
    public string FunctionVersion { get; }

    /// <summary>The configured memory in MB; 0 when unknown.</summary>
    public int MemoryLimitInMB { get; }

    /// <summary>
    /// Publishes the invocation's trace header as <c>_X_AMZN_TRACE_ID</c>, or clears it, so that a previous
    /// invocation's trace never leaks into this one's downstream calls.
    /// </summary>
    public void SetTraceId(string? traceId) => _variables.Set(TraceIdVariable, string.IsNullOrEmpty(traceId) ? null : traceId);
}
