using Microsoft.Extensions.DependencyInjection;

namespace Cascade;

/// <summary>Registers the HTTP <see cref="IVerifierClient"/>.</summary>
public static class VerifierClientServiceCollectionExtensions
{
    /// <summary>The name of the verifier's <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "cascade-verifier";

    /// <summary>The verifier's default address, resolved by service discovery (<c>services__verifier__http__0</c>).</summary>
    public const string DefaultAddress = "https+http://verifier";

    /// <summary>
    /// Registers <see cref="HttpVerifierClient"/> as the <see cref="IVerifierClient"/>, on a named <see cref="HttpClient"/> with
    /// no resilience handler and no timeout of its own (the <see cref="RemoteVerifierGate"/>'s timeout applies).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="address">The verifier's base address; <see cref="DefaultAddress"/> when <see langword="null"/>.</param>
    /// <param name="serviceKey">
    /// The verifier's service key, sent as <c>Authorization: Bearer</c> on every call; <see langword="null"/> or empty sends none
    /// (a verifier without <c>Verifier:ServiceKey</c> accepts that).
    /// </param>
    /// <returns>The HTTP client's builder, for further configuration (never add a retry handler).</returns>
    public static IHttpClientBuilder AddCascadeVerifierClient(this IServiceCollection services, string? address = null, string? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var baseAddress = new Uri(EnsureTrailingSlash(address ?? DefaultAddress));
        IHttpClientBuilder builder = services.AddHttpClient(HttpClientName, http =>
        {
            http.BaseAddress = baseAddress;
            http.Timeout = Timeout.InfiniteTimeSpan;
            if (!string.IsNullOrWhiteSpace(serviceKey))
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", serviceKey);
            }
        });

        // A singleton over the factory: gates live as long as the cascade, the handlers they use still rotate.
        services.AddSingleton<IVerifierClient>(provider => new HttpVerifierClient(provider.GetRequiredService<IHttpClientFactory>(), HttpClientName));
        return builder;
    }

    private static string EnsureTrailingSlash(string address) => address.EndsWith('/') ? address : address + "/";
}
