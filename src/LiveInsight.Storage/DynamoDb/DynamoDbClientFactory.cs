using Amazon;
using Amazon.Runtime;
using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Builds the one DynamoDB client a process uses. Retries are set on purpose: the standard mode with
/// three attempts and a short per-attempt timeout, so that the worst case (3 x 3 s plus backoff) still
/// answers well inside the function's 30 s timeout; the request deadline cancels sooner when it is closer.
/// </summary>
public static class DynamoDbClientFactory
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <param name="serviceUrl">A local endpoint such as http://127.0.0.1:8000, or null for AWS.</param>
    /// <param name="region">The AWS region; in Lambda, AWS_REGION.</param>
    public static AmazonDynamoDBClient Create(string? serviceUrl, string? region)
    {
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = MaxAttempts - 1,
            Timeout = AttemptTimeout,
        };

        if (!string.IsNullOrEmpty(serviceUrl))
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region ?? CollectorDefaults.AwsRegion;
            // DynamoDB Local accepts any credentials; with -sharedDb every key sees the same tables.
            return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
        }

        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region ?? CollectorDefaults.AwsRegion);
        // Lambda hands credentials to the function in environment variables; reading them directly skips
        // the default chain's probing of profiles and metadata endpoints during cold start.
        return Environment.GetEnvironmentVariable(CollectorEnvironment.AccessKeyId) is { Length: > 0 }
            ? new AmazonDynamoDBClient(new EnvironmentVariablesAWSCredentials(), config)
            : new AmazonDynamoDBClient(config);
    }
}
