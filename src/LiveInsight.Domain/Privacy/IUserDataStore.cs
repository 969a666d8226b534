using System.Text.Json.Nodes;

namespace LiveInsight.Domain.Privacy;

/// <summary>
/// The storage port of a person's access and erasure requests (GDPR articles 15 and 17): everything stored under
/// one user id, read page by page or deleted step by step. The DynamoDB adapter implements it
/// (docs/adr/0023-export-and-erasure.md).
/// </summary>
public interface IUserDataStore
{
    /// <summary>
    /// One page of the user's stored items, every attribute as a JSON value: first the events (oldest first), then
    /// the sessions.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="cursor">Null for the first page; otherwise the <see cref="ExportPage.NextCursor"/> of the page before.</param>
    /// <param name="limit">At most this many items.</param>
    /// <param name="cancellationToken">The request's deadline.</param>
    /// <exception cref="FormatException">The cursor is not one this store issued for this user.</exception>
    Task<ExportPage> ExportAsync(string userId, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one bounded step of the user's items (at most <paramref name="limit"/> of one kind) and says whether a
    /// fresh look found nothing left. Each step finds its work anew, so a step that crashed half-way is simply
    /// finished by the next one.
    /// </summary>
    Task<ErasureStep> EraseStepAsync(string userId, int limit, CancellationToken cancellationToken);
}

/// <summary>One page of an export.</summary>
/// <param name="Events">The page's events, every stored attribute.</param>
/// <param name="Sessions">The page's session records, every stored attribute.</param>
/// <param name="NextCursor">Where the next page starts; null when this was the last.</param>
public sealed record ExportPage(IReadOnlyList<JsonObject> Events, IReadOnlyList<JsonObject> Sessions, string? NextCursor);

/// <summary>What one erasure step deleted, and whether anything of the user is left.</summary>
/// <param name="Deleted">The items this step deleted (items that were already gone are not counted).</param>
/// <param name="NothingLeft">
/// True only when this step deleted nothing and found nothing left to delete: its queries of both user indexes and its
/// read of the user's session pointer came back empty.
/// </param>
public sealed record ErasureStep(ErasureCounts Deleted, bool NothingLeft);

/// <summary>Items deleted, per kind.</summary>
/// <param name="Events">Events table items.</param>
/// <param name="Sessions">Sessions table items (one per visit).</param>
/// <param name="ActiveSessions">Live-session items in ActiveSessions.</param>
/// <param name="Markers">Idempotency markers (one per client_event_id, ActiveSessions).</param>
/// <param name="Pointers">The user's current-session pointer (ActiveSessions): 0 or 1.</param>
public sealed record ErasureCounts(long Events, long Sessions, long ActiveSessions, long Markers, long Pointers)
{
    public static ErasureCounts None { get; } = new(0, 0, 0, 0, 0);

    public long Total => Events + Sessions + ActiveSessions + Markers + Pointers;

    public static ErasureCounts operator +(ErasureCounts a, ErasureCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Events + b.Events, a.Sessions + b.Sessions, a.ActiveSessions + b.ActiveSessions, a.Markers + b.Markers, a.Pointers + b.Pointers);
    }
}
