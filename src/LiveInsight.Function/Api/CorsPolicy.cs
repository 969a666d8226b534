using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Function.Api;

/// <summary>
/// Which browser origins may call the API (env ALLOWED_ORIGINS: <c>*</c>, or a comma-separated list of
/// origins such as <c>https://www.example.com</c>). Configured once; applied to the preflight and to every
/// response. A disallowed origin gets no Access-Control-Allow-Origin, so the browser keeps the answer from it.
/// </summary>
public sealed class CorsPolicy
{
    private readonly HashSet<string> _origins;
    private readonly bool _anyOrigin;

    public CorsPolicy(string? allowedOrigins)
    {
        var entries = (string.IsNullOrWhiteSpace(allowedOrigins) ? CollectorDefaults.AllowedOrigins : allowedOrigins)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/'))
            .ToList();
        _anyOrigin = entries.Contains("*");
        _origins = new HashSet<string>(entries.Where(o => o != "*"), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Adds the CORS answer for <paramref name="origin"/> to <paramref name="headers"/>.</summary>
    public void Apply(string? origin, IDictionary<string, string> headers)
    {
        if (_anyOrigin)
        {
            headers["Access-Control-Allow-Origin"] = "*";
            return;
        }

        // The answer depends on the Origin header, so caches must keep one copy per origin.
        headers["Vary"] = "Origin";
        if (origin is not null && _origins.Contains(origin))
        {
            headers["Access-Control-Allow-Origin"] = origin;
        }
    }

    /// <summary>Headers of a preflight answer for a resource that allows <paramref name="methods"/>.</summary>
    public void ApplyPreflight(string? origin, string methods, IDictionary<string, string> headers)
    {
        Apply(origin, headers);
        if (headers.ContainsKey("Access-Control-Allow-Origin"))
        {
            headers["Access-Control-Allow-Methods"] = methods;
            headers["Access-Control-Allow-Headers"] = "Content-Type";
            headers["Access-Control-Max-Age"] = "86400";
        }
    }
}
