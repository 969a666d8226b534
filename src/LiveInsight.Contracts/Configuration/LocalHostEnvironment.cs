namespace LiveInsight.Contracts.Configuration;

/// <summary>
/// The environment variables of the local host (<c>make run</c>), with their defaults. The host also passes
/// every <see cref="CollectorEnvironment"/> variable on to the collector it runs.
/// </summary>
public static class LocalHostEnvironment
{
    /// <summary>The HTTP port the host listens on.</summary>
    public const string Port = "LIVEINSIGHT_PORT";

    public const int DefaultPort = 3000;

    /// <summary>The address the host binds; <c>0.0.0.0</c> exposes it beyond this machine.</summary>
    public const string Bind = "LIVEINSIGHT_BIND";

    /// <summary>Loopback: this is a development server, reachable from elsewhere only on purpose.</summary>
    public const string DefaultBind = "127.0.0.1";

    /// <summary>The port of DynamoDB Local on this machine, used when DYNAMODB_ENDPOINT is unset.</summary>
    public const string DynamoDbPort = "DYNAMODB_PORT";

    public const int DefaultDynamoDbPort = 8000;

    /// <summary>The checkout whose tracker build and demo page the host serves; found from the binary when unset.</summary>
    public const string Root = "LIVEINSIGHT_ROOT";

    /// <summary>
    /// Whether the host runs the local aggregator (the stream poller that keeps the Stats table up to date, as the
    /// aggregator's event source mappings do in AWS). On unless set to <see cref="AggregatorOff"/>.
    /// </summary>
    public const string Aggregator = "LOCAL_AGGREGATOR";

    /// <summary>The value of <see cref="Aggregator"/> that turns the poller off.</summary>
    public const string AggregatorOff = "off";
}
