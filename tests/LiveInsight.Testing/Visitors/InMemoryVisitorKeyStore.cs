using LiveInsight.Domain.Visitors;

namespace LiveInsight.Testing.Visitors;

/// <summary>
/// An <see cref="IVisitorKeyStore"/> in memory, for handler tests and benchmarks where DynamoDB is beside the
/// point. It keeps the port's promise that one day has one key however many callers ask at once, and counts
/// the calls so a test can see how often the store is asked.
/// </summary>
public sealed class InMemoryVisitorKeyStore : IVisitorKeyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DateOnly, VisitorKey> _keys = [];
    private int _calls;

    /// <summary>How many times either method was called.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The days that have a key.</summary>
    public IReadOnlyList<DateOnly> Days
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Keys.Order()];
            }
        }
    }

    public Task<VisitorKey> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            if (!_keys.TryGetValue(day, out var key))
            {
                key = VisitorKey.NewRandom();
                _keys[day] = key;
            }

            return Task.FromResult(key);
        }
    }

    public Task<VisitorKey?> FindAsync(DateOnly day, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            return Task.FromResult(_keys.GetValueOrDefault(day));
        }
    }
}
