using System.Text.Json;
using StackExchange.Redis;

namespace Cascade.Router;

/// <summary>
/// API keys in Redis, shared by every replica: <c>key:{id}</c> holds the record as JSON, <c>key-hash:{hash}</c> the id,
/// <c>keys</c> the set of ids. Every record read or written is also kept locally, so authentication goes on while
/// Redis is unreachable (for keys this replica has seen); key changes are refused until it returns.
/// </summary>
public sealed class RedisApiKeyStore : IApiKeyStore
{
    private readonly RouterRedis _redis;
    private readonly InMemoryApiKeyStore _local = new();

    /// <summary>Initializes the store.</summary>
    public RedisApiKeyStore(RouterRedis redis) => _redis = redis ?? throw new ArgumentNullException(nameof(redis));

    /// <inheritdoc/>
    public async ValueTask<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        if (_redis.IsAvailable)
        {
            try
            {
                RedisValue id = await _redis.Database.StringGetAsync(_redis.Key($"key-hash:{hash}"));
                return id.IsNull ? null : await ReadAsync(id.ToString());
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.FindByHashAsync(hash, cancellationToken)
            ?? throw new SharedStateUnavailableException("The key store (Redis) is unreachable and this replica has not seen the key yet.");
    }

    /// <inheritdoc/>
    public async ValueTask<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_redis.IsAvailable)
        {
            try
            {
                return await ReadAsync(id);
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.GetAsync(id, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (_redis.IsAvailable)
        {
            try
            {
                RedisValue[] ids = await _redis.Database.SetMembersAsync(_redis.Key("keys"));
                List<ApiKeyRecord> records = new(ids.Length);
                foreach (RedisValue id in ids)
                {
                    if (await ReadAsync(id.ToString()) is { } record)
                    {
                        records.Add(record);
                    }
                }

                return records.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
            }
            catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
            {
                _redis.ReportFailure(ex);
            }
        }

        return await _local.ListAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(ApiKeyRecord record, string? replacedHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_redis.IsAvailable)
        {
            throw new SharedStateUnavailableException("Keys cannot be created, rotated or revoked while the key store (Redis) is unreachable.");
        }

        try
        {
            ITransaction transaction = _redis.Database.CreateTransaction();
            _ = transaction.StringSetAsync(_redis.Key($"key:{record.Id}"), JsonSerializer.Serialize(record, RouterJsonContext.Default.ApiKeyRecord));
            _ = transaction.StringSetAsync(_redis.Key($"key-hash:{record.Hash}"), record.Id);
            _ = transaction.SetAddAsync(_redis.Key("keys"), record.Id);
            if (replacedHash is not null && replacedHash != record.Hash)
            {
                _ = transaction.KeyDeleteAsync(_redis.Key($"key-hash:{replacedHash}"));
            }

            await transaction.ExecuteAsync();
        }
        catch (Exception ex) when (RouterRedis.IsConnectionFailure(ex))
        {
            _redis.ReportFailure(ex);
            throw new SharedStateUnavailableException("The key store (Redis) failed while saving the key; try again.", ex);
        }

        await _local.SaveAsync(record, replacedHash, cancellationToken);
    }

    private async Task<ApiKeyRecord?> ReadAsync(string id)
    {
        RedisValue json = await _redis.Database.StringGetAsync(_redis.Key($"key:{id}"));
        if (json.IsNull)
        {
            return null;
        }

        ApiKeyRecord? record = JsonSerializer.Deserialize((string)json!, RouterJsonContext.Default.ApiKeyRecord);
        if (record is not null)
        {
            ApiKeyRecord? previous = await _local.GetAsync(record.Id);
            await _local.SaveAsync(record, previous?.Hash);
        }

        return record;
    }
}
