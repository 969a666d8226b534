using Amazon.Runtime;

namespace LiveInsight.Testing.DynamoDb;

/// <summary>
/// What <see cref="DynamoDbClientFactory"/> gives a local client (any credentials, the standard retry mode,
/// its attempts and per-attempt timeout), for test clients that subclass the SDK client to watch or break
/// its calls and so cannot come from the factory.
/// </summary>
public static class LocalClientSettings
{
    /// <summary>DynamoDB Local accepts any credentials; with -sharedDb every key sees the same tables.</summary>
    public static AWSCredentials Credentials() => new BasicAWSCredentials("local", "local");

    public static AmazonDynamoDBConfig Config(string serviceUrl) => new()
    {
        ServiceURL = serviceUrl,
        AuthenticationRegion = "us-east-1",
        RetryMode = RequestRetryMode.Standard,
        MaxErrorRetry = DynamoDbClientFactory.MaxAttempts - 1,
        Timeout = DynamoDbClientFactory.AttemptTimeout,
    };
}
