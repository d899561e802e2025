namespace Cascade.Router;

/// <summary>Who reads the request listing and stats: one API key (its own traffic) or the admin (every key's).</summary>
/// <param name="Key">The API key, or <see langword="null"/> for the admin.</param>
public sealed record Caller(ApiKeyRecord? Key)
{
    /// <summary>Gets the admin caller.</summary>
    public static Caller Admin { get; } = new((ApiKeyRecord?)null);

    /// <summary>Gets whether the caller is the admin.</summary>
    public bool IsAdmin => Key is null;

    /// <summary>Gets the key whose traffic the caller sees, or <see langword="null"/> for every key's.</summary>
    public string? KeyId => Key?.Id;

    /// <summary>Gets whether the caller may read a request made by <paramref name="ownerKeyId"/>.</summary>
    public bool MayRead(string? ownerKeyId) => IsAdmin || (ownerKeyId is not null && ownerKeyId == Key!.Id);
}
