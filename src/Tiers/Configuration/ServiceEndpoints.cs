using Microsoft.Extensions.Configuration;

namespace Cascade;

/// <summary>
/// Resolves a service-name URL (<c>http://simulator/v1</c>, <c>https+http://verifier</c>) to the address an
/// orchestrator injected as <c>services__NAME__SCHEME__0</c>, the Aspire convention. Other URLs pass through.
/// </summary>
public static class ServiceEndpoints
{
    /// <summary>Resolves <paramref name="endpoint"/> against <paramref name="configuration"/>.</summary>
    /// <returns>The resolved URL, or <see langword="null"/> when <paramref name="endpoint"/> is empty.</returns>
    /// <exception cref="InvalidOperationException">The URL names a service with no injected address and is not a resolvable host.</exception>
    public static Uri? Resolve(string? endpoint, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        string[] schemes = endpoint.StartsWith("https+http://", StringComparison.OrdinalIgnoreCase) ? ["https", "http"] : [];
        string normalized = schemes.Length > 0 ? "http://" + endpoint["https+http://".Length..] : endpoint;
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out Uri? uri))
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}' is not an absolute URL.");
        }

        if (schemes.Length == 0)
        {
            schemes = [uri.Scheme];
        }

        foreach (string scheme in schemes)
        {
            if (configuration[$"services:{uri.Host}:{scheme}:0"] is { Length: > 0 } address && Uri.TryCreate(address, UriKind.Absolute, out Uri? resolved))
            {
                var combined = new UriBuilder(resolved) { Path = Combine(resolved.AbsolutePath, uri.AbsolutePath), Query = uri.Query.TrimStart('?') };
                return combined.Uri;
            }
        }

        if (endpoint.StartsWith("https+http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}' names service '{uri.Host}', but no services:{uri.Host}:https:0 or services:{uri.Host}:http:0 address is configured.");
        }

        return uri;
    }

    private static string Combine(string basePath, string path) =>
        (basePath.TrimEnd('/') + "/" + path.TrimStart('/')).TrimEnd('/') is { Length: > 0 } combined ? combined : "/";
}
