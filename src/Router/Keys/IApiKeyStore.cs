namespace Cascade.Router;

/// <summary>Where API key records live: in memory for one replica, in Redis for several.</summary>
public interface IApiKeyStore
{
    /// <summary>Finds the key whose secret hashes to <paramref name="hash"/>, revoked or not; <see langword="null"/> when none does.</summary>
    /// <exception cref="SharedStateUnavailableException">The key is not known locally and the shared store cannot be reached.</exception>
    ValueTask<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Gets a key by id; <see langword="null"/> when none has it.</summary>
    ValueTask<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists every key, revoked ones included, oldest first.</summary>
    ValueTask<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves a key; <paramref name="replacedHash"/> names the hash a rotation retires.</summary>
    /// <exception cref="SharedStateUnavailableException">The shared store cannot be reached; key changes are not made on local state alone.</exception>
    ValueTask SaveAsync(ApiKeyRecord record, string? replacedHash = null, CancellationToken cancellationToken = default);
}
