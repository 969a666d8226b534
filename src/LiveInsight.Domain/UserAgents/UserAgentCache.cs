using System.Collections.Concurrent;

namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// A bounded, thread-safe memo of <see cref="UserAgentProfile"/>s by User-Agent, in two generations: new entries go
/// into the current one; when it holds <c>generationCapacity</c> entries it becomes the previous one and the old
/// previous one is dropped. A User-Agent found in the previous generation is copied forward, so the ones still in
/// use survive and a flood of one-off User-Agents can push out at most two generations: never more than twice
/// <c>generationCapacity</c> entries. An approximation of least-recently-used without a list to keep in order.
/// Lookups that hit take no lock; a miss parses outside the lock and then takes it briefly to insert.
/// </summary>
internal sealed class UserAgentCache
{
    private readonly object _gate = new();
    private readonly int _generationCapacity;
    private readonly Func<string, UserAgentProfile> _parse;
    private ConcurrentDictionary<string, UserAgentProfile> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, UserAgentProfile> _previous = new(StringComparer.Ordinal);
    private int _currentCount;

    public UserAgentCache(int generationCapacity, Func<string, UserAgentProfile> parse)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generationCapacity, 1);
        _generationCapacity = generationCapacity;
        _parse = parse;
    }

    /// <summary>Entries held now, both generations; at most twice the generation capacity.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    public UserAgentProfile Get(string userAgent)
    {
        if (Volatile.Read(ref _current).TryGetValue(userAgent, out var profile))
        {
            return profile;
        }

        if (!Volatile.Read(ref _previous).TryGetValue(userAgent, out profile))
        {
            // Two threads may parse the same new User-Agent at once; both get equal answers and one is kept.
            RegexTimeouts.Reset();
            profile = _parse(userAgent);
            if (RegexTimeouts.Occurred)
            {
                return profile;
            }
        }

        lock (_gate)
        {
            if (_current.TryGetValue(userAgent, out var kept))
            {
                return kept;
            }

            if (_currentCount >= _generationCapacity)
            {
                Volatile.Write(ref _previous, _current);
                Volatile.Write(ref _current, new ConcurrentDictionary<string, UserAgentProfile>(StringComparer.Ordinal));
                _currentCount = 0;
            }

            _current[userAgent] = profile;
            _currentCount++;
        }

        return profile;
    }
}
