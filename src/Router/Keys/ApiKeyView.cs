namespace Cascade.Router;

/// <summary>A key as the admin API shows it: everything but the hash.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Prefix">The secret's first characters.</param>
/// <param name="Policy">What the key may do.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RotatedAt">When its secret was last rotated.</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record ApiKeyView(string Id, string Name, string Prefix, ApiKeyPolicy Policy, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Gets the view of a record.</summary>
    public static ApiKeyView Of(ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.Name, record.Prefix, record.Policy, record.CreatedAt, record.RotatedAt, record.RevokedAt);
    }
}

/// <summary>A key just created or rotated, with its secret: the only time the secret is shown.</summary>
/// <param name="Key">The key.</param>
/// <param name="Secret">The secret to hand the caller; the router keeps only its hash.</param>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>The body of <c>POST /admin/keys</c>.</summary>
/// <param name="Name">The display name.</param>
/// <param name="Policy">What the key may do; everything when absent.</param>
public sealed record CreateApiKeyRequest(string? Name, ApiKeyPolicy? Policy);
