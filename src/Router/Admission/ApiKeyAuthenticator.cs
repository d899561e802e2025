using Microsoft.AspNetCore.Http;

namespace Cascade.Router;

/// <summary>Finds the API key of a request: <c>Authorization: Bearer</c> (what both SDKs send) or <c>x-api-key</c>.</summary>
public sealed class ApiKeyAuthenticator
{
    private readonly IApiKeyStore _store;

    /// <summary>Initializes the authenticator.</summary>
    public ApiKeyAuthenticator(IApiKeyStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Reads the secret a request carries, or <see langword="null"/>.</summary>
    public static string? ReadSecret(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = authorization["Bearer ".Length..].Trim();
            if (token.Length > 0)
            {
                return token;
            }
        }

        string? apiKey = request.Headers["x-api-key"];
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }

    /// <summary>Authenticates a request.</summary>
    /// <returns>The key, or the 401/503 refusal to send.</returns>
    public async ValueTask<(ApiKeyRecord? Key, RouterError? Error)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        string? secret = ReadSecret(request);
        if (secret is null)
        {
            return (null, RouterError.MissingKey());
        }

        ApiKeyRecord? key;
        try
        {
            key = await _store.FindByHashAsync(ApiKeySecret.Hash(secret), cancellationToken);
        }
        catch (SharedStateUnavailableException ex)
        {
            return (null, RouterError.SharedStateUnavailable(ex.Message));
        }

        return key switch
        {
            null => (null, RouterError.InvalidKey(ApiKeySecret.PrefixOf(secret).Length < ApiKeySecret.PrefixLength ? secret[..Math.Min(4, secret.Length)] : ApiKeySecret.PrefixOf(secret))),
            { IsRevoked: true } => (null, RouterError.RevokedKey(key)),
            _ => (key, null),
        };
    }
}
