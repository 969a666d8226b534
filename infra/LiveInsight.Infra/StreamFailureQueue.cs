using Amazon.CDK.AWS.SQS;

namespace LiveInsight.Infra;

/// <summary>
/// The aggregator's on-failure destination: where Lambda sends a stream batch it gave up on (retries or record age
/// exhausted). A message holds no records, only the shard and the sequence range; those records are lost to the rollups,
/// since later records move the buckets' marks past them (ADR 0021), so every message is an alarm.
/// </summary>
public sealed class StreamFailureQueue : Construct
{
    public const string QueueName = "LiveInsight-Aggregator-Failures";

    /// <summary>SQS's longest: the message is the only record of which range was lost, and rebuilding takes a person.</summary>
    public const int RetentionDays = 14;

    public StreamFailureQueue(Construct scope, string id)
        : base(scope, id)
    {
        Queue = new Queue(this, "Queue", new QueueProps
        {
            QueueName = QueueName,
            RetentionPeriod = Duration.Days(RetentionDays),
            // SQS-managed keys: encrypted at rest without a KMS key whose grants the aggregator's role would need.
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            // Pointers into a stream whose records expire after 24 h anyway; nothing here outlives the stack usefully.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
    }

    public Queue Queue { get; }
}
