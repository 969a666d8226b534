using System.Security.Cryptography;

namespace LiveInsight.Domain.Ids;

/// <summary>
/// Issues event and session ids in the seed's shapes: <c>evt_yyyyMMdd_HHmmss_hex</c> and
/// <c>sess_yyyyMMdd_hex</c>, UTC. The random part is 64 bits (16 hex digits), so two ids of one second
/// collide with odds of about one in 10^19; stores still refuse to overwrite on a collision.
/// </summary>
public sealed class IdGenerator(Func<ulong>? random = null)
{
    private readonly Func<ulong> _random = random ?? NextSecureRandom;

    public string NewEventId(DateTimeOffset at) =>
        $"evt_{at.UtcDateTime:yyyyMMdd}_{at.UtcDateTime:HHmmss}_{_random():x16}";

    public string NewSessionId(DateTimeOffset at) =>
        $"sess_{at.UtcDateTime:yyyyMMdd}_{_random():x16}";

    private static ulong NextSecureRandom()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
