namespace Cascade.Router;

/// <summary>A stored API key: never the secret, only its SHA-256 hash and a short prefix to recognise it by.</summary>
public sealed record ApiKeyRecord
{
    /// <summary>Gets the key's id (<c>key_</c> and 16 hex digits); stable across rotations.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the key's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the first characters of the secret, shown to tell keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>Gets the lowercase hex SHA-256 of the secret.</summary>
    public required string Hash { get; init; }

    /// <summary>Gets what the key may do.</summary>
    public ApiKeyPolicy Policy { get; init => field = value ?? new(); } = new();

    /// <summary>Gets when the key was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the secret was last rotated.</summary>
    public DateTimeOffset? RotatedAt { get; init; }

    /// <summary>Gets when the key was revoked; a revoked key is refused.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets whether the key was revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
