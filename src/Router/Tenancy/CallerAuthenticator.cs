using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Cascade.Router;

/// <summary>
/// Authenticates a caller of the read APIs (<c>/v1/stats</c>, <c>/v1/requests</c>): the admin key
/// (<see cref="RouterOptions.AdminKey"/>, as <c>x-admin-key</c> or a bearer token) sees every key's traffic, an API key its own.
/// </summary>
public sealed class CallerAuthenticator
{
    private readonly ApiKeyAuthenticator _keys;
    private readonly IOptions<RouterOptions> _options;

    /// <summary>Initializes the authenticator.</summary>
    public CallerAuthenticator(ApiKeyAuthenticator keys, IOptions<RouterOptions> options)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Gets whether <paramref name="sent"/> is the configured admin key (compared in constant time).</summary>
    public static bool IsAdminKey(string? configured, string? sent) =>
        !string.IsNullOrEmpty(configured) && sent is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    /// <summary>Authenticates a request.</summary>
    /// <returns>The caller, or the 401/503 refusal to send.</returns>
    public async ValueTask<(Caller? Caller, RouterError? Error)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? configured = _options.Value.AdminKey;
        string? admin = request.Headers["x-admin-key"].FirstOrDefault();
        if (admin is not null)
        {
            return IsAdminKey(configured, admin) ? (Caller.Admin, null) : (null, new RouterError(401, "invalid_admin_key", "The x-admin-key sent is not the router's admin key."));
        }

        if (IsAdminKey(configured, ApiKeyAuthenticator.ReadSecret(request)))
        {
            return (Caller.Admin, null);
        }

        var (key, error) = await _keys.AuthenticateAsync(request, cancellationToken);
        return key is null ? (null, error) : (new Caller(key), null);
    }
}
