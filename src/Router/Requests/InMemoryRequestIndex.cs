using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>A process-local <see cref="IRequestIndex"/>: one bounded ring per key.</summary>
public sealed class InMemoryRequestIndex : IRequestIndex
{
    private readonly Dictionary<string, LinkedList<RequestEntry>> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly int _perKey;
    private long _sequence;

    /// <summary>Initializes the index.</summary>
    public InMemoryRequestIndex(IOptions<RouterOptions> options) => _perKey = options.Value.RequestIndexLengthPerKey;

    /// <inheritdoc/>
    public ValueTask AddAsync(RequestEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            Add(entry with { Sequence = ++_sequence });
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adds an entry that already has its sequence (a copy of what was written elsewhere).</summary>
    internal void AddWithSequence(RequestEntry entry)
    {
        lock (_lock)
        {
            _sequence = Math.Max(_sequence, entry.Sequence);
            Add(entry);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<RequestEntry>> ListAsync(string? keyId, long? before, int max, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IEnumerable<RequestEntry> entries = keyId is null
                ? _byKey.Values.SelectMany(ring => ring).OrderByDescending(e => e.Sequence)
                : _byKey.TryGetValue(keyId, out LinkedList<RequestEntry>? ring) ? ring : [];
            return ValueTask.FromResult<IReadOnlyList<RequestEntry>>(
                entries.Where(e => before is null || e.Sequence < before).Take(Math.Max(0, max)).ToArray());
        }
    }

    private void Add(RequestEntry entry)
    {
        if (!_byKey.TryGetValue(entry.KeyId, out LinkedList<RequestEntry>? ring))
        {
            _byKey[entry.KeyId] = ring = new();
        }

        // Newest first; a copy replayed out of order is placed by its sequence.
        LinkedListNode<RequestEntry>? node = ring.First;
        while (node is not null && node.Value.Sequence > entry.Sequence)
        {
            node = node.Next;
        }

        if (node is null)
        {
            ring.AddLast(entry);
        }
        else
        {
            ring.AddBefore(node, entry);
        }

        while (ring.Count > _perKey)
        {
            ring.RemoveLast();
        }
    }
}
