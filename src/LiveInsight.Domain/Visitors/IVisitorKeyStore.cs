namespace LiveInsight.Domain.Visitors;

/// <summary>
/// Where the daily visitor keys live, shared by every instance of the collector so that all of them derive
/// the same id for the same visitor. The DynamoDB adapter implements it; tests use an in-memory one.
/// </summary>
public interface IVisitorKeyStore
{
    /// <summary>
    /// The key of <paramref name="day"/>, made now if there is none. Race-free: when several callers make one
    /// at once, exactly one key is stored and every caller gets that one.
    /// </summary>
    Task<VisitorKey> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>The key of <paramref name="day"/> if one was made; never makes one.</summary>
    Task<VisitorKey?> FindAsync(DateOnly day, CancellationToken cancellationToken);
}
