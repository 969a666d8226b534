namespace LiveInsight.LambdaRuntime;

/// <summary>
/// The process environment as the runtime sees it. A seam so tests can run invocations side by side
/// without racing on real, process-wide variables such as <c>_X_AMZN_TRACE_ID</c>.
/// </summary>
public interface IEnvironmentVariables
{
    /// <summary>Returns the variable's value, or <see langword="null"/> when it is not set.</summary>
    string? Get(string name);

    /// <summary>Sets the variable; <see langword="null"/> removes it.</summary>
    void Set(string name, string? value);
}

/// <summary>The real process environment.</summary>
public sealed class SystemEnvironmentVariables : IEnvironmentVariables
{
    /// <summary>The one instance; the process has only one environment.</summary>
    public static SystemEnvironmentVariables Instance { get; } = new();

    private SystemEnvironmentVariables()
    {
    }

    /// <inheritdoc />
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    /// <inheritdoc />
    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
