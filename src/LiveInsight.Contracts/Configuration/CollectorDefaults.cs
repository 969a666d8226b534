using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Contracts.Configuration;

/// <summary>
/// What the collector uses when a variable of <see cref="CollectorEnvironment"/> is unset, and what the CDK
/// stack deploys unless told otherwise, so a deployed function and a local one behave alike by default.
/// </summary>
public static class CollectorDefaults
{
    /// <summary>Any origin may call the API.</summary>
    public const string AllowedOrigins = "*";

    public const string LogLevel = "info";

    /// <summary>The common web-analytics convention: half an hour without an event ends a visit.</summary>
    public const int SessionTimeoutMinutes = 30;

    /// <summary>A visit ends a day after it started, so an open tab cannot make one endless session.</summary>
    public const int SessionMaxHours = 24;

    /// <summary>
    /// Every refresh of a live session's expiry is a write; at most one a minute keeps a busy visit cheap, at
    /// the price of a session idling out up to this much early.
    /// </summary>
    public const int SessionRefreshSeconds = 60;

    /// <summary>The region of a client built outside Lambda without AWS_REGION (DynamoDB Local ignores it).</summary>
    public const string AwsRegion = "us-east-1";

    /// <summary>The FunctionName dimension outside Lambda, where AWS_LAMBDA_FUNCTION_NAME is unset.</summary>
    public const string FunctionName = ResourceNames.FunctionName;
}
