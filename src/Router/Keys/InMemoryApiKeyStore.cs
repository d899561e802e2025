using System.Collections.Concurrent;

namespace Cascade.Router;

/// <summary>A process-local <see cref="IApiKeyStore"/>, used when no Redis is configured and as the Redis store's local copy.</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idByHash = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_idByHash.TryGetValue(hash, out string? id) && _byId.TryGetValue(id, out ApiKeyRecord? record) ? record : null);

    /// <inheritdoc/>
    public ValueTask<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_byId.TryGetValue(id, out ApiKeyRecord? record) ? record : null);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ApiKeyRecord>>(_byId.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray());

    /// <inheritdoc/>
    public ValueTask SaveAsync(ApiKeyRecord record, string? replacedHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _byId[record.Id] = record;
        _idByHash[record.Hash] = record.Id;
        if (replacedHash is not null && replacedHash != record.Hash)
        {
            _idByHash.TryRemove(replacedHash, out _);
        }

        return ValueTask.CompletedTask;
    }
}
