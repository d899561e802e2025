namespace Cascade.Router;

/// <summary>Creates, rotates, revokes and re-scopes API keys.</summary>
public sealed class ApiKeyManager
{
    private readonly IApiKeyStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes the manager.</summary>
    public ApiKeyManager(IApiKeyStore store, TimeProvider timeProvider)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Creates a key.</summary>
    /// <exception cref="ArgumentException">The name is empty or the policy is invalid; the message lists every error.</exception>
    public async ValueTask<CreatedApiKey> CreateAsync(string name, ApiKeyPolicy? policy = null, CancellationToken cancellationToken = default)
    {
        policy ??= new ApiKeyPolicy();
        List<string> errors = [.. policy.Validate()];
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Insert(0, "A key needs a name.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(policy));
        }

        string secret = ApiKeySecret.Generate();
        ApiKeyRecord record = new()
        {
            Id = ApiKeySecret.NewId(),
            Name = name.Trim(),
            Prefix = ApiKeySecret.PrefixOf(secret),
            Hash = ApiKeySecret.Hash(secret),
            Policy = policy,
            CreatedAt = _timeProvider.GetUtcNow(),
        };
        await _store.SaveAsync(record, cancellationToken: cancellationToken);
        return new CreatedApiKey(ApiKeyView.Of(record), secret);
    }

    /// <summary>Gives a key a new secret; the old one stops working at once. <see langword="null"/> when no key has the id.</summary>
    /// <exception cref="InvalidOperationException">The key was revoked.</exception>
    public async ValueTask<CreatedApiKey?> RotateAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await _store.GetAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }

        if (record.IsRevoked)
        {
            throw new InvalidOperationException($"Key '{id}' was revoked; create a new key instead of rotating it.");
        }

        string secret = ApiKeySecret.Generate();
        ApiKeyRecord rotated = record with { Prefix = ApiKeySecret.PrefixOf(secret), Hash = ApiKeySecret.Hash(secret), RotatedAt = _timeProvider.GetUtcNow() };
        await _store.SaveAsync(rotated, record.Hash, cancellationToken);
        return new CreatedApiKey(ApiKeyView.Of(rotated), secret);
    }

    /// <summary>Revokes a key; <see langword="null"/> when no key has the id. Revoking twice keeps the first time.</summary>
    public async ValueTask<ApiKeyView?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await _store.GetAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }

        if (!record.IsRevoked)
        {
            record = record with { RevokedAt = _timeProvider.GetUtcNow() };
            await _store.SaveAsync(record, cancellationToken: cancellationToken);
        }

        return ApiKeyView.Of(record);
    }

    /// <summary>Replaces a key's policy; <see langword="null"/> when no key has the id.</summary>
    /// <exception cref="ArgumentException">The policy is invalid; the message lists every error.</exception>
    public async ValueTask<ApiKeyView?> UpdatePolicyAsync(string id, ApiKeyPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(policy));
        }

        if (await _store.GetAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }

        record = record with { Policy = policy };
        await _store.SaveAsync(record, cancellationToken: cancellationToken);
        return ApiKeyView.Of(record);
    }
}
