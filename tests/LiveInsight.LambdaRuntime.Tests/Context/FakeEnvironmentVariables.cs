using System.Collections.Concurrent;

namespace LiveInsight.LambdaRuntime.Tests;

/// <summary>An environment of its own per test, so parallel tests never share _X_AMZN_TRACE_ID.</summary>
internal sealed class FakeEnvironmentVariables(IDictionary<string, string>? initial = null) : IEnvironmentVariables
{
    private readonly ConcurrentDictionary<string, string> _values = new(initial ?? new Dictionary<string, string>());

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public void Set(string name, string? value)
    {
        if (value is null)
        {
            _values.TryRemove(name, out _);
        }
        else
        {
            _values[name] = value;
        }
    }
}
