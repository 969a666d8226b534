namespace LiveInsight.Contracts.Routing;

/// <summary>Who may call a route. The CDK stack puts the stats authorizer on every non-public route.</summary>
public enum RouteAccess
{
    /// <summary>Anyone: the tracker's events and the dashboard page (which asks for the key itself). Nothing that reads data.</summary>
    Public,

    /// <summary>
    /// Every read of the site owner's data (the stats and the session reads): only a caller with a stats API key (<c>Authorization: Bearer …</c>): in AWS the Lambda authorizer checks it; the
    /// local host checks it only when <c>STATS_API_KEY</c> is set.
    /// </summary>
    StatsKey,

    /// <summary>
    /// A person's data itself (export and erasure): in AWS only an IAM principal may call it (AWS_IAM, requests signed
    /// with SigV4); the local host answers it only to loopback clients.
    /// </summary>
    Iam,
}
