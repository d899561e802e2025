namespace Cascade.Router;

/// <summary>
/// The router's index of requests by API key, newest first, so stats and <c>GET /v1/requests</c> show a key its own
/// traffic. Bounded: each key keeps its most recent <see cref="RouterOptions.RequestIndexLengthPerKey"/> entries.
/// </summary>
public interface IRequestIndex
{
    /// <summary>Adds a request; its <see cref="RequestEntry.Sequence"/> is assigned by the index.</summary>
    ValueTask AddAsync(RequestEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Lists entries newest first.</summary>
    /// <param name="keyId">The key whose requests to list, or <see langword="null"/> for every key's.</param>
    /// <param name="before">Only entries whose <see cref="RequestEntry.Sequence"/> is below this cursor, or <see langword="null"/> from the newest.</param>
    /// <param name="max">The most entries to return.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<RequestEntry>> ListAsync(string? keyId, long? before, int max, CancellationToken cancellationToken = default);
}
