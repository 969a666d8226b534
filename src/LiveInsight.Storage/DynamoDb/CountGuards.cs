using System.Security.Cryptography;
using System.Text;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The guard of an event with a client_event_id: the first 8 bytes of the SHA-256 of its client_event_id,
/// kept in a binary set on its session record once the event is counted there (ADR 0014). A session has
/// one user, so the client_event_id alone names the event within it; 8 bytes keep the set small (the
/// update is billed on the item's size) while two events of a session colliding stays below 1e-15 for
/// a session of 100 events.
/// </summary>
internal static class CountGuards
{
    public const int Length = 8;

    /// <summary>The guard of <paramref name="prepared"/>; null when it has no client_event_id (never guarded).</summary>
    public static byte[]? Of(PreparedEvent prepared) =>
        prepared.Event.ClientEventId is { } clientEventId ? Of(clientEventId) : null;

    public static byte[] Of(string clientEventId) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(clientEventId))[..Length];

    /// <summary>Whether a session record's guard set holds <paramref name="guard"/>.</summary>
    public static bool Contains(IEnumerable<MemoryStream>? guards, byte[] guard) =>
        guards is not null && guards.Any(g => g.ToArray().AsSpan().SequenceEqual(guard));
}
