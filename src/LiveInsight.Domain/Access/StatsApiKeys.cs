using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Domain.Access;

/// <summary>
/// The keys that open the stats API, and the one check of an <c>Authorization</c> header against them. Used by the
/// deployed authorizer (keys from Secrets Manager) and by the local host (one key from STATS_API_KEY).
/// </summary>
public sealed class StatsApiKeys
{
    /// <summary>Shorter keys are refused when loaded: a guessable key is worse than a missing one, which fails loudly.</summary>
    public const int MinimumLength = 16;

    private const string BearerPrefix = "Bearer ";

    // Keys are kept as SHA-256 digests so every comparison is of 32 bytes: FixedTimeEquals then leaks neither the
    // content nor the length of a key.
    private readonly IReadOnlyList<byte[]> _digests;

    private StatsApiKeys(IReadOnlyList<byte[]> digests) => _digests = digests;

    public int Count => _digests.Count;

    /// <param name="keys">The accepted keys.</param>
    /// <param name="minimumLength">The shortest key accepted: <see cref="MinimumLength"/> for deployed keys; a developer's
    /// local key on a loopback-only host may be shorter.</param>
    /// <exception cref="FormatException">A key is shorter than <paramref name="minimumLength"/>, or there is none.</exception>
    public static StatsApiKeys Of(IEnumerable<string> keys, int minimumLength = MinimumLength)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
        if (list.Count == 0)
        {
            throw new FormatException("No stats API key is configured.");
        }

        if (list.Any(k => k.Length < minimumLength))
        {
            throw new FormatException($"A stats API key must be at least {minimumLength} characters long.");
        }

        return new StatsApiKeys(list.Select(Digest).ToList());
    }

    /// <summary>
    /// The keys of the secret the stack creates: <c>{"key":"…"}</c>, and during a rotation also
    /// <c>{"keys":["new","old"]}</c>, so that old and new keys both work until every client has the new one.
    /// </summary>
    /// <exception cref="FormatException">The secret is not such a JSON object, or holds no usable key.</exception>
    public static StatsApiKeys FromSecret(string secretJson)
    {
        ArgumentNullException.ThrowIfNull(secretJson);
        var keys = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(secretJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The stats API key secret must be a JSON object.");
            }

            if (document.RootElement.TryGetProperty(StatsEnvironment.SecretKeyField, out var key) && key.ValueKind == JsonValueKind.String)
            {
                keys.Add(key.GetString()!);
            }

            if (document.RootElement.TryGetProperty(StatsEnvironment.SecretKeysField, out var many) && many.ValueKind == JsonValueKind.Array)
            {
                keys.AddRange(many.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!));
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException("The stats API key secret is not JSON.", ex);
        }

        return Of(keys);
    }

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer &lt;one of the keys&gt;</c>.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var offered = Digest(authorization[BearerPrefix.Length..].Trim());
        var accepted = false;
        // Every key is compared, whichever matches, so the time taken does not say which one did.
        foreach (var digest in _digests)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(offered, digest);
        }

        return accepted;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
