using System.Globalization;
using LiveInsight.Contracts.Configuration;
using LiveInsight.Storage.Secrets;

namespace LiveInsight.Function.Authorizer;

/// <summary>The stats authorizer's object graph, from the variables the stack sets (StatsEnvironment) and Lambda's own.</summary>
public static class AuthorizerComposition
{
    public static readonly TimeSpan DefaultCacheTime = TimeSpan.FromMinutes(5);

    /// <param name="readSecret">Replaces Secrets Manager (tests).</param>
    /// <exception cref="InvalidOperationException">The secret or the credentials are not configured: init fails loudly.</exception>
    public static StatsAuthorizerHandler Create(
        Func<string, string?> environment, HttpClient? http = null, TimeProvider? clock = null, Func<CancellationToken, Task<string>>? readSecret = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        clock ??= TimeProvider.System;
        if (readSecret is null)
        {
            var secretId = environment(StatsEnvironment.ApiKeySecret) is { Length: > 0 } id
                ? id
                : throw new InvalidOperationException($"{StatsEnvironment.ApiKeySecret} is not set.");
            var credentials = AwsCredentials.FromEnvironment(environment)
                ?? throw new InvalidOperationException("The execution role's credentials are not in the environment.");
            var region = environment(CollectorEnvironment.AwsRegion) is { Length: > 0 } r ? r : CollectorDefaults.AwsRegion;
            var client = new SecretsManagerClient(http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, credentials, region, clock: clock);
            readSecret = token => client.GetSecretStringAsync(secretId, token);
        }

        var maxAge = int.TryParse(environment(StatsEnvironment.SecretCacheSeconds), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DefaultCacheTime;
        return new StatsAuthorizerHandler(new CachedStatsApiKeys(readSecret, maxAge, clock));
    }
}
